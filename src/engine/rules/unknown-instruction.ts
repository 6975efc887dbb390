// correctness: an instruction Docker does not know (a typo, or a line that lost its continuation).
import type { Rule, RuleReport } from './types';
import { DOCS } from './refs';
import { KNOWN_KEYWORDS } from '../primitives/keywords';
import { keywordAsWritten, makeFix } from './util';

const KEYWORDS: readonly string[] = KNOWN_KEYWORDS;

function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length][b.length];
}

/** The one keyword within edit distance 2 (null when none or ambiguous). */
export function closestKeyword(word: string): string | null {
  const w = word.toUpperCase();
  const scored = KEYWORDS.map((k) => ({ k, d: distance(w, k) })).filter(
    (x) => x.d <= (w.length <= 3 ? 1 : 2),
  );
  if (scored.length === 0) return null;
  scored.sort((a, b) => a.d - b.d);
  if (scored.length > 1 && scored[0].d === scored[1].d) return null;
  return scored[0].k;
}

export const rule: Rule = {
  meta: {
    id: 'unknown-instruction',
    technique: 'correctness',
    severity: 'error',
    title: 'Unknown instruction',
    hadolint: [],
    buildChecks: [],
    references: [DOCS.reference],
    fixable: 'sometimes',
    fixSafety: 'unsafe',
  },
  docs: {
    whatItDoes: 'Reports an instruction keyword that Docker does not know, and suggests the closest one.',
    whyItMatters:
      'The build stops with "unknown instruction" at that line. It is usually a typo (`RUNN`, `COPPY`) or a command line that lost the `\\` continuation of the line above it, so it is read as an instruction of its own.',
    before: String.raw`FROM alpine:3.20
COPPY app /app
`,
    after: String.raw`FROM alpine:3.20
COPY app /app
`,
    fixSafety:
      'Unsafe: the keyword is replaced by the closest known one (within two typing mistakes, when there is exactly one). If the line really is a continuation that lost its `\\`, the right fix is in the line above.',
    whenNotToUse: 'Never: Docker refuses to build the file.',
  },
  check({ model }) {
    const out: RuleReport[] = [];
    for (const ins of model.instructions) {
      if (ins.known) continue;
      const written = keywordAsWritten(model, ins);
      const guess = closestKeyword(written);
      const text = guess ? (written === written.toLowerCase() ? guess.toLowerCase() : guess) : null;
      out.push({
        span: ins.span,
        message: /^[A-Za-z]+$/.test(written)
          ? `Unknown instruction ${written}${guess ? `; did you mean ${guess}?` : ' (a command that lost the line continuation of the line above?)'}`
          : `'${written}' is not a Dockerfile instruction (template syntax, or a line that lost its continuation?)`,
        fix: text
          ? makeFix(`Replace with ${guess}`, 'unsafe', [
              { start: ins.keywordSpan.start, end: ins.keywordSpan.end, text },
            ])
          : null,
      });
    }
    return out;
  },
};
