// package-cache: yum keeps metadata and packages in /var/cache/yum unless cleaned (DL3032).
import type { Rule } from './types';
import { DOCS, hadolintRule } from './refs';
import { checkClean } from './clean-factory';

export const rule: Rule = {
  meta: {
    id: 'yum-clean-all',
    technique: 'package-cache',
    severity: 'warning',
    title: 'Run `yum clean all` in the same RUN as `yum install`',
    hadolint: ['DL3032'],
    buildChecks: [],
    references: [DOCS.bestPractices, hadolintRule('DL3032')],
    fixable: 'sometimes',
    fixSafety: 'safe',
  },
  docs: {
    whatItDoes:
      'Reports `yum install` in a stage that ships when the same RUN neither runs `yum clean all` nor removes `/var/cache/yum`, and no cache mount covers it.',
    whyItMatters:
      'yum stores repository metadata (often tens of megabytes per repository) and downloaded packages under `/var/cache/yum`. Left in the layer, they ship with every pull of the image; cleaning in a later RUN does not help because the layer already holds them.',
    before: String.raw`FROM centos:7
RUN yum install -y httpd-2.4.6
`,
    after: String.raw`FROM centos:7
RUN yum install -y httpd-2.4.6 \
    && yum clean all \
    && rm -rf /var/cache/yum
`,
    fixSafety:
      'Safe: the cleanup is appended after everything the RUN does; a later install fetches the metadata again.',
    whenNotToUse:
      'Builder stages that do not ship are not reported; nor are RUNs with a cache mount on `/var/cache/yum`.',
  },
  check(ctx) {
    return checkClean(ctx, {
      managers: ['yum'],
      caches: ['yum', 'dnf'],
      paths: ['/var/cache/yum'],
      cleanup: () => ['yum clean all', 'rm -rf /var/cache/yum'],
      message: (_m, stage) =>
        `yum install without \`yum clean all\` leaves metadata and packages in /var/cache/yum in ${stage}, which ships.`,
      fixTitle: 'Append yum clean all',
    });
  },
};
