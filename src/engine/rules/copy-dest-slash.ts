// correctness: COPY of several sources to a destination without a trailing slash (DL3021).
import type { Rule, RuleReport } from './types';
import { DOCS, hadolintRule } from './refs';
import { contentEnd, isCopy, makeFix } from './util';

export const rule: Rule = {
  meta: {
    id: 'copy-dest-slash',
    technique: 'correctness',
    severity: 'error',
    title: 'End the destination with `/` when copying several sources',
    hadolint: ['DL3021'],
    buildChecks: [],
    references: [DOCS.copy, hadolintRule('DL3021')],
    fixable: 'sometimes',
    fixSafety: 'safe',
  },
  docs: {
    whatItDoes: 'Reports COPY or ADD with more than one source whose destination does not end with `/`.',
    whyItMatters:
      'With several sources the destination must be a directory, and Docker requires it to be written with a trailing slash; the build fails otherwise.',
    before: String.raw`FROM node:22-slim
COPY package.json package-lock.json /app
`,
    after: String.raw`FROM node:22-slim
COPY package.json package-lock.json /app/
`,
    fixSafety: 'Safe: the slash only states that the destination is a directory, which it must be.',
    whenNotToUse: 'Never: the build fails.',
  },
  check({ model }) {
    const out: RuleReport[] = [];
    for (const ins of model.instructions) {
      if (!isCopy(ins) || ins.sources.length < 2) continue;
      const dest = ins.destination;
      if (
        !dest ||
        dest.endsWith('/') ||
        dest.includes('$') ||
        /^[A-Za-z]:\\/.test(dest) ||
        dest.endsWith('\\')
      )
        continue;
      const end = contentEnd(model, ins);
      const fix =
        ins.form !== 'json' && model.text.slice(end - dest.length, end) === dest
          ? makeFix('Add the trailing slash', 'safe', [{ start: end, end, text: '/' }])
          : null;
      out.push({
        span: ins.span,
        message: `${ins.keyword} of ${ins.sources.length} sources needs a directory destination written with a trailing slash: ${dest}/.`,
        fix,
      });
    }
    return out;
  },
};
