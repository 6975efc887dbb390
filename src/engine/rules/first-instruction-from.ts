// correctness: the file must begin with FROM (ARG and parser directives may come first) (DL3061).
import type { Rule, RuleReport } from './types';
import { DOCS, hadolintRule } from './refs';

export const rule: Rule = {
  meta: {
    id: 'first-instruction-from',
    technique: 'correctness',
    severity: 'error',
    title: 'Begin the Dockerfile with FROM',
    hadolint: ['DL3061'],
    buildChecks: [],
    references: [DOCS.from, hadolintRule('DL3061')],
    fixable: 'never',
    fixSafety: null,
  },
  docs: {
    whatItDoes: 'Reports an instruction other than ARG before the first FROM, or a file without FROM.',
    whyItMatters:
      'Every build stage starts with FROM; only ARG (and comments and parser directives) may come before it. Docker refuses the file otherwise.',
    before: String.raw`RUN echo hello
FROM alpine:3.20
`,
    after: String.raw`FROM alpine:3.20
RUN echo hello
`,
    fixSafety: 'Reported, not fixed: where the instruction belongs is for you to decide.',
    whenNotToUse: 'Never.',
  },
  check({ model }) {
    const out: RuleReport[] = [];
    for (const ins of model.instructions) {
      if (ins.stage >= 0 && !model.stages[ins.stage]?.implicit) break;
      if (ins.keyword === 'ARG') continue;
      out.push({
        span: ins.span,
        message: `${ins.keyword} before the first FROM: only ARG may come before FROM.`,
      });
      break;
    }
    return out;
  },
};
