// correctness: an empty line inside a continued instruction (NoEmptyContinuation).
import type { Rule, RuleReport } from './types';
import { buildCheck } from './refs';
import { spanOf } from './util';

export const rule: Rule = {
  meta: {
    id: 'empty-continuation',
    technique: 'correctness',
    severity: 'warning',
    title: 'No empty lines inside a continued instruction',
    hadolint: [],
    buildChecks: ['NoEmptyContinuation'],
    references: [buildCheck('NoEmptyContinuation')],
    fixable: 'never',
    fixSafety: null,
  },
  docs: {
    whatItDoes: 'Reports an empty line after a line that ends with the escape character (`\\`).',
    whyItMatters:
      'Docker skips the empty line and joins what follows to the instruction, but a future Dockerfile syntax will end the instruction there instead. Usually the empty line hides a missing or extra continuation: what looks like the next instruction is still part of this one.',
    before: String.raw`FROM alpine:3.20
RUN apk add --no-cache \

    curl
`,
    after: String.raw`FROM alpine:3.20
RUN apk add --no-cache \
    curl
`,
    fixSafety:
      'Reported, not fixed: whether the instruction should end there or continue is for you to decide.',
    whenNotToUse: 'Never.',
  },
  check({ model }) {
    const out: RuleReport[] = [];
    const escape = model.directives.escape;
    for (const ins of model.instructions) {
      if (ins.heredocs.length || ins.span.endLine === ins.span.line) continue;
      const lines = ins.raw.split(/\r?\n/);
      const empty = lines.some((l, i) => i > 0 && l.trim() === '' && lines[i - 1].trimEnd().endsWith(escape));
      if (!empty) continue;
      // BuildKit reports the instruction's last line.
      const start = model.lineStarts[ins.span.endLine - 1] ?? ins.span.start;
      out.push({
        span: spanOf(model, start, ins.span.end),
        message: `${ins.keyword} continues across an empty line; remove it (a future syntax will end the instruction there).`,
      });
    }
    return out;
  },
};
