// package-cache: dnf / microdnf keep metadata in /var/cache unless cleaned (DL3040).
import type { Rule } from './types';
import { DOCS, hadolintRule } from './refs';
import { checkClean } from './clean-factory';

export const rule: Rule = {
  meta: {
    id: 'dnf-clean-all',
    technique: 'package-cache',
    severity: 'warning',
    title: 'Run `dnf clean all` in the same RUN as `dnf install`',
    hadolint: ['DL3040'],
    buildChecks: [],
    references: [DOCS.bestPractices, hadolintRule('DL3040')],
    fixable: 'sometimes',
    fixSafety: 'safe',
  },
  docs: {
    whatItDoes:
      'Reports `dnf install` or `microdnf install` in a stage that ships when the same RUN does not clean the cache (`dnf clean all`, `microdnf clean all` or removing `/var/cache/dnf`).',
    whyItMatters:
      'dnf downloads repository metadata and packages into `/var/cache/dnf` (`/var/cache/yum` on older releases). It is useless once the install is done, but it stays in the layer and ships with the image unless it is removed in the same RUN.',
    before: String.raw`FROM fedora:40
RUN dnf install -y nginx-1.26.2
`,
    after: String.raw`FROM fedora:40
RUN dnf install -y nginx-1.26.2 \
    && dnf clean all
`,
    fixSafety: 'Safe: `dnf clean all` (or `microdnf clean all`) is appended after everything the RUN does.',
    whenNotToUse:
      'Builder stages that do not ship, and RUNs with a cache mount on `/var/cache/dnf`, are not reported. Differs from hadolint DL3040: a clean by microdnf after a dnf install counts as clean (both empty the same cache).',
  },
  check(ctx) {
    return checkClean(ctx, {
      managers: ['dnf', 'microdnf'],
      caches: ['dnf', 'yum', 'microdnf'],
      paths: ['/var/cache/dnf', '/var/cache/yum', '/var/cache/libdnf5'],
      cleanup: (m) => [m === 'microdnf' ? 'microdnf clean all' : 'dnf clean all'],
      message: (m, stage) =>
        `${m} install without \`${m} clean all\` leaves its metadata cache in /var/cache in ${stage}, which ships.`,
      fixTitle: 'Append dnf clean all',
    });
  },
};
