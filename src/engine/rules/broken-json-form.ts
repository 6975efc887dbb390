// correctness: CMD/ENTRYPOINT/RUN written as a JSON array that is not valid JSON (single quotes,
// a trailing comment, a missing comma): Docker then runs the bracket text with /bin/sh -c.
import type { Rule, RuleReport } from './types';
import { DOCS } from './refs';
import { contentEnd, makeFix } from './util';

/** The array with double quotes when it only used single quotes; null when not that simple. */
function doubleQuoted(text: string): string | null {
  const m = /^\[\s*('(?:[^'"\\]*)'\s*(?:,\s*'(?:[^'"\\]*)'\s*)*)\]$/.exec(text);
  if (!m) return null;
  const words = [...m[1].matchAll(/'([^'"\\]*)'/g)].map((x) => x[1]);
  return `[${words.map((w) => JSON.stringify(w)).join(', ')}]`;
}

export const rule: Rule = {
  meta: {
    id: 'broken-json-form',
    technique: 'correctness',
    severity: 'error',
    title: 'A JSON-form command that is not valid JSON runs as shell text',
    hadolint: [],
    buildChecks: [],
    references: [DOCS.cmd, DOCS.entrypoint],
    fixable: 'sometimes',
    fixSafety: 'safe',
  },
  docs: {
    whatItDoes:
      'Reports a CMD, ENTRYPOINT or RUN whose arguments look like a JSON array but are not valid JSON: single quotes, a comment after the closing bracket, a missing comma.',
    whyItMatters:
      'Docker only uses the exec form when the text parses as a JSON array of double-quoted strings. Otherwise it silently takes the shell form and runs `/bin/sh -c "[\'node\', \'app.js\']"`: the shell runs `[` (the test command) with odd arguments, which fails with "[: missing ]" or exits at once, and the container does not start the program. Dockerfile comments are whole lines only, so `CMD ["app"] # start` is not a comment either.',
    before: String.raw`FROM node:20-slim
CMD ['node', 'server.js']
`,
    after: String.raw`FROM node:20-slim
CMD ["node", "server.js"]
`,
    fixSafety:
      'Safe: single quotes become double quotes when the strings hold no quotes or backslashes; a trailing comment is not fixed automatically (move it to its own line above).',
    whenNotToUse: 'Never: the line does not do what it looks like.',
  },
  check({ model }) {
    const out: RuleReport[] = [];
    for (const ins of model.instructions) {
      if (ins.keyword !== 'CMD' && ins.keyword !== 'ENTRYPOINT' && ins.keyword !== 'RUN') continue;
      const text = ins.argsAfterFlags.trim();
      if (ins.form === 'json' || !text.startsWith('[')) continue;
      const comment = /\]\s+#.*$/.test(text);
      const single = /^\[\s*'/.test(text);
      const why = comment
        ? 'a comment after the closing bracket (Dockerfile comments are whole lines only)'
        : single
          ? 'single quotes (JSON needs double quotes)'
          : 'text that is not a JSON array of strings';
      const fixed = single && !comment ? doubleQuoted(text) : null;
      const start = fixed ? (ins.argsAfterFlagsStart ?? null) : null;
      out.push({
        span: ins.span,
        message: `${ins.keyword} ${text} is not valid JSON (${why}), so Docker runs it with /bin/sh -c as shell text: the shell runs "[" and the program never starts as written.`,
        fix:
          fixed && start !== null
            ? makeFix('Write it as valid JSON', 'safe', [{ start, end: contentEnd(model, ins), text: fixed }])
            : null,
      });
    }
    return out;
  },
};
