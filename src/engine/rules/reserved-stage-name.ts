// correctness: a stage named like a reserved word (DL3063, ReservedStageName).
import type { Rule } from './types';
import { perStage } from './util';
import { DOCS, buildCheck } from './refs';

const RESERVED = new Set(['scratch', 'context']);

export const rule: Rule = {
  meta: {
    id: 'reserved-stage-name',
    technique: 'correctness',
    severity: 'error',
    title: 'Do not name a stage `scratch` or `context`',
    hadolint: ['DL3063'],
    buildChecks: ['ReservedStageName'],
    references: [DOCS.multiStage, buildCheck('ReservedStageName')],
    fixable: 'never',
    fixSafety: null,
  },
  docs: {
    whatItDoes: 'Reports a stage named `scratch` or `context`.',
    whyItMatters:
      '`scratch` is the empty image and `context` names the build context in `--from` and named contexts. A stage with such a name cannot be referred to reliably: `FROM scratch` would still mean the empty image.',
    before: String.raw`FROM alpine:3.20 AS scratch
RUN echo hi
`,
    after: String.raw`FROM alpine:3.20 AS base
RUN echo hi
`,
    fixSafety: 'Reported, not fixed: choose a new name and update the references.',
    whenNotToUse: 'Never.',
  },
  check({ model }) {
    return perStage(model, (stage) =>
      stage.name && RESERVED.has(stage.name.toLowerCase())
        ? { span: stage.from.span, message: `'${stage.name}' is a reserved word and cannot name a stage.` }
        : null,
    );
  },
};
