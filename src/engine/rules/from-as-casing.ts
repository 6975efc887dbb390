// correctness: `FROM ... as name` with AS in a different case than FROM (FromAsCasing).
import type { Rule } from './types';
import { buildCheck, DOCS } from './refs';
import { fromAsToken, keywordAsWritten, makeFix, perStage } from './util';

export const rule: Rule = {
  meta: {
    id: 'from-as-casing',
    technique: 'correctness',
    severity: 'info',
    title: 'Write AS in the same case as FROM',
    hadolint: [],
    buildChecks: ['FromAsCasing'],
    references: [DOCS.from, buildCheck('FromAsCasing')],
    fixable: 'always',
    fixSafety: 'safe',
  },
  docs: {
    whatItDoes: 'Reports `FROM image as name` where the case of `AS` differs from the case of `FROM`.',
    whyItMatters:
      'Both are keywords; mixed case makes the stage name harder to spot. Purely stylistic, and Docker’s own build check flags it.',
    before: String.raw`FROM golang:1.23 as build
`,
    after: String.raw`FROM golang:1.23 AS build
`,
    fixSafety: 'Safe: keywords are case-insensitive; only the spelling changes.',
    whenNotToUse: 'If you do not care about keyword casing.',
  },
  check({ model }) {
    return perStage(model, (stage) => {
      const tok = fromAsToken(model, stage.from);
      if (!tok) return;
      const from = keywordAsWritten(model, stage.from);
      const upper = from === from.toUpperCase();
      const lower = from === from.toLowerCase();
      const want = upper ? 'AS' : lower ? 'as' : null;
      if (!want || tok.as.text === want) return;
      return {
        span: stage.from.span,
        message: `'${tok.as.text}' does not match the casing of '${from}'; write ${want}.`,
        fix: makeFix(`Write ${want}`, 'safe', [{ start: tok.as.start, end: tok.as.end, text: want }]),
      };
    });
  },
};
