// correctness: MAINTAINER is deprecated (DL4000, MaintainerDeprecated).
import type { Rule } from './types';
import { DOCS, buildCheck, hadolintRule } from './refs';
import { contentEnd, makeFix, perInstruction } from './util';

export const rule: Rule = {
  meta: {
    id: 'maintainer-deprecated',
    technique: 'correctness',
    severity: 'warning',
    title: 'Replace MAINTAINER with a label',
    hadolint: ['DL4000'],
    buildChecks: ['MaintainerDeprecated'],
    references: [DOCS.label, buildCheck('MaintainerDeprecated'), hadolintRule('DL4000')],
    fixable: 'always',
    fixSafety: 'safe',
  },
  docs: {
    whatItDoes: 'Reports the MAINTAINER instruction.',
    whyItMatters:
      'MAINTAINER has been deprecated since Docker 1.13. The standard place for the author is the OCI label `org.opencontainers.image.authors`, which registries and scanners read.',
    before: String.raw`FROM alpine:3.20
MAINTAINER Jane Doe <jane@example.com>
`,
    after: String.raw`FROM alpine:3.20
LABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"
`,
    fixSafety: 'Safe: the same text moves into the standard label; quotes, backslashes and `$` are escaped.',
    whenNotToUse: 'Never.',
  },
  check({ model }) {
    return perInstruction(model, ['MAINTAINER'], (ins) => {
      const who = ins.argsAfterFlags.trim();
      const value = who.replace(/[\\"$]/g, (c) => '\\' + c);
      return {
        span: ins.span,
        message: `MAINTAINER is deprecated; use LABEL org.opencontainers.image.authors="${who}".`,
        fix: who
          ? makeFix('Use the authors label', 'safe', [
              {
                start: ins.span.start,
                end: contentEnd(model, ins),
                text: `LABEL org.opencontainers.image.authors="${value}"`,
              },
            ])
          : null,
      };
    });
  },
};
