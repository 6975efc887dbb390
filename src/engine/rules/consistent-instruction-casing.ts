// correctness: instruction keywords in mixed case (ConsistentInstructionCasing).
import type { Rule, RuleReport } from './types';
import { buildCheck, DOCS } from './refs';
import { keywordAsWritten, makeFix } from './util';

export const rule: Rule = {
  meta: {
    id: 'consistent-instruction-casing',
    technique: 'correctness',
    severity: 'info',
    title: 'Write all instructions in the same case',
    hadolint: [],
    buildChecks: ['ConsistentInstructionCasing'],
    references: [DOCS.reference, buildCheck('ConsistentInstructionCasing')],
    fixable: 'always',
    fixSafety: 'safe',
  },
  docs: {
    whatItDoes:
      'Reports instruction keywords whose case differs from the rest of the file (upper case is the convention).',
    whyItMatters:
      'Keywords are case-insensitive, but a mix (`FROM`, then `run`) makes the file harder to scan. Pure style.',
    before: String.raw`FROM alpine:3.20
run echo hello
`,
    after: String.raw`FROM alpine:3.20
RUN echo hello
`,
    fixSafety: 'Safe: only the keyword’s spelling changes.',
    whenNotToUse: 'If you do not care about keyword casing.',
  },
  check({ model }) {
    const written = model.instructions
      .filter((i) => i.known)
      .map((i) => ({ i, w: keywordAsWritten(model, i) }));
    const upper = written.filter((x) => x.w === x.w.toUpperCase()).length;
    const lower = written.filter((x) => x.w === x.w.toLowerCase()).length;
    const wantUpper = upper >= lower;
    const out: RuleReport[] = [];
    for (const { i, w } of written) {
      const want = wantUpper ? w.toUpperCase() : w.toLowerCase();
      if (w === want) continue;
      out.push({
        span: i.span,
        message: `${w} differs from the ${wantUpper ? 'upper' : 'lower'}-case keywords of the rest of the file; write ${want}.`,
        fix: makeFix(`Write ${want}`, 'safe', [
          { start: i.keywordSpan.start, end: i.keywordSpan.end, text: want },
        ]),
      });
    }
    return out;
  },
};
