// package-cache: zypper keeps packages and metadata in /var/cache/zypp unless cleaned (DL3036).
import type { Rule } from './types';
import { DOCS, hadolintRule } from './refs';
import { checkClean } from './clean-factory';

export const rule: Rule = {
  meta: {
    id: 'zypper-clean',
    technique: 'package-cache',
    severity: 'warning',
    title: 'Run `zypper clean` in the same RUN as `zypper install`',
    hadolint: ['DL3036'],
    buildChecks: [],
    references: [DOCS.bestPractices, hadolintRule('DL3036')],
    fixable: 'sometimes',
    fixSafety: 'safe',
  },
  docs: {
    whatItDoes:
      'Reports `zypper install` in a stage that ships when the same RUN does not run `zypper clean` or remove `/var/cache/zypp`.',
    whyItMatters:
      'zypper keeps repository metadata and downloaded RPMs under `/var/cache/zypp`. They are not needed after the install and only make every pull of the image larger.',
    before: String.raw`FROM opensuse/leap:15.6
RUN zypper install -y curl-8.6.0
`,
    after: String.raw`FROM opensuse/leap:15.6
RUN zypper install -y curl-8.6.0 \
    && zypper clean --all
`,
    fixSafety: 'Safe: `zypper clean --all` is appended after everything the RUN does.',
    whenNotToUse:
      'Builder stages that do not ship, and RUNs with a cache mount on `/var/cache/zypp`, are not reported.',
  },
  check(ctx) {
    return checkClean(ctx, {
      managers: ['zypper'],
      caches: ['zypper', 'zypp'],
      paths: ['/var/cache/zypp'],
      cleanup: () => ['zypper clean --all'],
      message: (_m, stage) =>
        `zypper install without \`zypper clean\` leaves packages and metadata in /var/cache/zypp in ${stage}, which ships.`,
      fixTitle: 'Append zypper clean --all',
    });
  },
};
