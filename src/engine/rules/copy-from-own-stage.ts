// correctness: COPY --from names the stage it is in (DL3023).
import type { Rule } from './types';
import { DOCS, hadolintRule } from './refs';
import { isCopy, perInstruction } from './util';

export const rule: Rule = {
  meta: {
    id: 'copy-from-own-stage',
    technique: 'correctness',
    severity: 'error',
    title: '`COPY --from` cannot name its own stage',
    hadolint: ['DL3023'],
    buildChecks: [],
    references: [DOCS.copy, hadolintRule('DL3023')],
    fixable: 'never',
    fixSafety: null,
  },
  docs: {
    whatItDoes: 'Reports `COPY --from=<name>` inside the stage called `<name>`.',
    whyItMatters:
      'A stage cannot copy from itself: it does not exist yet while it is being built. The build fails with a circular-dependency error. Usually the wrong stage name was typed.',
    before: String.raw`FROM node:22-slim AS build
COPY --from=build /app/dist /srv
`,
    after: String.raw`FROM node:22-slim AS build
RUN mkdir -p /app/dist

FROM nginx:1.27-alpine
COPY --from=build /app/dist /usr/share/nginx/html
`,
    fixSafety: 'Reported, not fixed: which stage was meant is for you to say.',
    whenNotToUse: 'Never: the build fails.',
  },
  check({ model }) {
    return perInstruction(model, ['COPY', 'ADD'], (ins) => {
      if (!isCopy(ins) || !ins.fromRaw || ins.stage < 0) return;
      const own = model.stages[ins.stage];
      const raw = ins.fromRaw.trim().toLowerCase();
      const self =
        (ins.from && 'stage' in ins.from && ins.from.stage === ins.stage) ||
        (own?.name && own.name.toLowerCase() === raw) ||
        raw === String(ins.stage);
      if (!self) return;
      return {
        span: ins.span,
        message: `COPY --from=${ins.fromRaw} names the stage it is in; a stage cannot copy from itself.`,
      };
    });
  },
};
