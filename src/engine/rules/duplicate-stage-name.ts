// correctness: two stages with the same name (DL3024, DuplicateStageName).
import type { Rule } from './types';
import { DOCS, buildCheck, hadolintRule } from './refs';
import { perStage } from './util';

export const rule: Rule = {
  meta: {
    id: 'duplicate-stage-name',
    technique: 'correctness',
    severity: 'error',
    title: 'Stage names must be unique',
    hadolint: ['DL3024'],
    buildChecks: ['DuplicateStageName'],
    references: [DOCS.multiStage, buildCheck('DuplicateStageName'), hadolintRule('DL3024')],
    fixable: 'never',
    fixSafety: null,
  },
  docs: {
    whatItDoes:
      'Reports a `FROM ... AS <name>` whose name (compared case-insensitively) an earlier stage already uses.',
    whyItMatters:
      'Docker rejects duplicate stage names, and even where a tool accepts them, `COPY --from=<name>` and `--target <name>` become ambiguous.',
    before: String.raw`FROM node:22 AS build
RUN echo one

FROM node:22 AS build
RUN echo two
`,
    after: String.raw`FROM node:22 AS build
RUN echo one

FROM node:22 AS build-two
RUN echo two
`,
    fixSafety: 'Reported, not fixed: renaming a stage changes what `--from` and `--target` refer to.',
    whenNotToUse: 'Never: the build fails.',
  },
  check({ model }) {
    const firstLine = new Map<string, number>();
    return perStage(model, (stage) => {
      if (!stage.name) return null;
      const key = stage.name.toLowerCase();
      const first = firstLine.get(key);
      if (first === undefined) {
        firstLine.set(key, stage.from.span.line);
        return null;
      }
      return {
        span: stage.from.span,
        message: `Stage name '${stage.name}' is already used by the stage on line ${first}.`,
      };
    });
  },
};
