// correctness: `ENV key value` legacy form (LegacyKeyValueFormat).
import type { EnvInstruction } from '../model';
import type { Rule, RuleReport } from './types';
import { buildCheck, DOCS } from './refs';
import { argsStart, contentEnd, makeFix } from './util';

export const rule: Rule = {
  meta: {
    id: 'legacy-env-format',
    technique: 'correctness',
    severity: 'warning',
    title: 'Use `ENV key=value`',
    hadolint: [],
    buildChecks: ['LegacyKeyValueFormat'],
    references: [DOCS.env, buildCheck('LegacyKeyValueFormat')],
    fixable: 'sometimes',
    fixSafety: 'safe',
  },
  docs: {
    whatItDoes: 'Reports ENV written in the legacy whitespace form `ENV key value`.',
    whyItMatters:
      'The legacy form sets one variable to the whole rest of the line, spaces included, which is easy to misread (`ENV A 1 B 2` sets A to "1 B 2"). Docker marks it deprecated; `key=value` is unambiguous and sets several variables at once.',
    before: String.raw`FROM node:22-slim
ENV NODE_ENV production
`,
    after: String.raw`FROM node:22-slim
ENV NODE_ENV=production
`,
    fixSafety:
      'Safe: the value is kept as written; a value with spaces is put in double quotes. Values containing quotes or backslashes are reported without a fix.',
    whenNotToUse: 'Never.',
  },
  check({ model }) {
    const out: RuleReport[] = [];
    for (const i of model.instructions) {
      if (i.keyword === 'LABEL' && isLegacyLabel(i.argsAfterFlags)) {
        out.push({
          span: i.span,
          message: `LABEL ${i.argsAfterFlags.trim()} uses the legacy form (key value); write LABEL key=value.`,
        });
        continue;
      }
      if (i.keyword !== 'ENV') continue;
      const ins = i as EnvInstruction;
      if (!ins.legacyForm || ins.pairs.length !== 1) continue;
      const { key, value } = ins.pairs[0];
      const v = (value ?? '').trim();
      let fix = null;
      const at = argsStart(model, ins);
      if (at !== null && !/["'\\`]/.test(v) && !/["'\\`]/.test(ins.argsAfterFlags)) {
        const text = `${key}=${/\s/.test(v) || v === '' ? `"${v}"` : v}`;
        if (model.text.startsWith(key, at))
          fix = makeFix('Use key=value', 'safe', [{ start: at, end: contentEnd(model, ins), text }]);
      }
      out.push({
        span: ins.span,
        message: `ENV ${key} ${v} uses the legacy form; write ENV ${key}=${/\s/.test(v) ? `"${v}"` : v}.`,
        fix,
      });
    }
    return out;
  },
};

/** `LABEL key value`: the first word has no `=` (BuildKit reads the rest as the value). */
function isLegacyLabel(args: string): boolean {
  const first = /^("(?:[^"\\]|\\.)*"|'[^']*'|\S)+/.exec(args.trim())?.[0] ?? '';
  return first !== '' && !first.includes('=');
}
