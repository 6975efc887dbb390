// correctness: ONBUILD with FROM, MAINTAINER or ONBUILD (DL3043).
import type { OnbuildInstruction } from '../model';
import type { Rule, RuleReport } from './types';
import { DOCS, hadolintRule } from './refs';

export const rule: Rule = {
  meta: {
    id: 'onbuild-invalid-trigger',
    technique: 'correctness',
    severity: 'error',
    title: 'ONBUILD cannot trigger FROM, MAINTAINER or ONBUILD',
    hadolint: ['DL3043'],
    buildChecks: [],
    references: [DOCS.onbuild, hadolintRule('DL3043')],
    fixable: 'never',
    fixSafety: null,
  },
  docs: {
    whatItDoes: 'Reports `ONBUILD FROM`, `ONBUILD MAINTAINER` and `ONBUILD ONBUILD`.',
    whyItMatters:
      'Docker does not allow these triggers; the build of the image fails (or, for ONBUILD chains, the child build does).',
    before: String.raw`FROM node:22-slim
ONBUILD FROM alpine:3.20
`,
    after: String.raw`FROM node:22-slim
ONBUILD COPY . /app
`,
    fixSafety: 'Reported, not fixed.',
    whenNotToUse: 'Never.',
  },
  check({ model }) {
    const out: RuleReport[] = [];
    for (const ins of model.instructions) {
      if (ins.keyword !== 'ONBUILD') continue;
      const trigger = (ins as OnbuildInstruction).trigger;
      const kw = (trigger?.keyword ?? ins.argsAfterFlags.trim().split(/\s+/)[0] ?? '').toUpperCase();
      if (kw === 'FROM' || kw === 'MAINTAINER' || kw === 'ONBUILD') {
        out.push({ span: ins.span, message: `ONBUILD ${kw} is not allowed.` });
      }
    }
    return out;
  },
};
