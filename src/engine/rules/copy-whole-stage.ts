// multi-stage: `COPY --from=<stage> / /` copies a whole filesystem, toolchain included (DL3067).
import type { Rule, RuleReport } from './types';
import { DOCS, hadolintRule } from './refs';
import { isCopy, shippedStages, stageLabel } from './util';
import { trimTrailingSlashes } from '../primitives/paths';

export const rule: Rule = {
  meta: {
    id: 'copy-whole-stage',
    technique: 'multi-stage',
    severity: 'warning',
    title: 'Copy only the artifacts from a build stage',
    hadolint: ['DL3067'],
    buildChecks: [],
    references: [DOCS.multiStage, hadolintRule('DL3067')],
    fixable: 'never',
    fixSafety: null,
  },
  docs: {
    whatItDoes:
      'Reports `COPY --from=<stage> / ...` (the root of another stage or image) into a stage that ships.',
    whyItMatters:
      'Copying `/` of a build stage brings its whole filesystem along: the compiler, package caches, sources and the base image’s files, duplicated on top of the runtime base. The point of a multi-stage build is to copy only what the program needs at run time: the binary, the bundle, the virtualenv.',
    before: String.raw`FROM golang:1.23 AS build
RUN go build -o /out/app .

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build / /
`,
    after: String.raw`FROM golang:1.23 AS build
RUN go build -o /out/app .

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/app /app
`,
    fixSafety: 'Reported, not fixed: which files the program needs is for you to list.',
    whenNotToUse:
      'When the source is a purpose-built stage that is itself `FROM scratch` and holds only the artifacts (then its root is exactly what you want).',
  },
  check({ model }) {
    const out: RuleReport[] = [];
    const shipped = shippedStages(model);
    for (const ins of model.instructions) {
      if (!isCopy(ins) || !ins.from || !shipped.has(ins.stage)) continue;
      if (!ins.sources.some((s) => s === '/' || s === '/*' || s === '/.')) continue;
      const from = ins.from;
      if ('stage' in from) {
        const src = model.stages[from.stage];
        if (src && 'scratch' in src.base) continue;
      }
      const dest = trimTrailingSlashes(ins.destination);
      out.push({
        span: ins.span,
        aliases: dest === '' || dest === '/.' ? ['DL3067'] : [],
        message: `COPY --from=${ins.fromRaw} / copies the whole filesystem of ${'stage' in from && model.stages[from.stage] ? stageLabel(model.stages[from.stage]) : ins.fromRaw}, toolchain and caches included; copy only the artifacts.`,
      });
    }
    return out;
  },
};
