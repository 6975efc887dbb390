// correctness: COPY --from names no earlier stage (DL3022).
import type { Rule, RuleReport } from './types';
import { DOCS, hadolintRule } from './refs';
import { isCopy } from './util';

export const rule: Rule = {
  meta: {
    id: 'copy-from-undefined-stage',
    technique: 'correctness',
    severity: 'error',
    title: '`COPY --from` must name an earlier stage',
    hadolint: ['DL3022'],
    buildChecks: [],
    references: [DOCS.copy, DOCS.multiStage, hadolintRule('DL3022')],
    fixable: 'never',
    fixSafety: null,
  },
  docs: {
    whatItDoes:
      'Reports `COPY --from=<name>` where the name is a stage defined later in the file, an index past the stages before it, or a plain word that matches no stage (Docker would then try to pull an image of that name).',
    whyItMatters:
      'A stage can only copy from stages defined before it. A typo in the stage name silently turns into an image pull of a non-existent image, and the build fails with a confusing registry error — or, worse, pulls some public image that happens to have that name.',
    before: String.raw`FROM golang:1.23 AS build
RUN go build -o /out/app .

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=biuld /out/app /app
`,
    after: String.raw`FROM golang:1.23 AS build
RUN go build -o /out/app .

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/app /app
`,
    fixSafety: 'Reported, not fixed: which stage was meant is for you to say.',
    whenNotToUse:
      'When you do mean an outside image, write it with a tag or a registry (`--from=nginx:1.27`), which is not reported.',
  },
  check({ model }) {
    const out: RuleReport[] = [];
    for (const ins of model.instructions) {
      if (!isCopy(ins) || !ins.fromRaw || ins.fromRaw.includes('$')) continue;
      const raw = ins.fromRaw.trim();
      const from = ins.from;
      if (from && 'stage' in from && !model.stages[from.stage]?.implicit) {
        if (from.stage > ins.stage) {
          out.push({
            span: ins.span,
            message: `COPY --from=${raw} refers to a stage defined later in the file; a stage can only copy from earlier stages.`,
          });
        }
        continue;
      }
      if (/^\d+$/.test(raw)) {
        // copy-from-own-stage; a snippet without FROM has no stage 0 to copy from
        if (Number(raw) === ins.stage && !model.stages[ins.stage]?.implicit) continue;
        out.push({
          span: ins.span,
          message: `COPY --from=${raw}: there is no stage ${raw} before this one.`,
        });
        continue;
      }
      if (/[/:@.]/.test(raw)) continue;
      const own = model.stages[ins.stage];
      if (own?.name && own.name.toLowerCase() === raw.toLowerCase()) continue; // copy-from-own-stage
      const later = model.stages.find((s) => s.name && s.name.toLowerCase() === raw.toLowerCase());
      out.push({
        span: ins.span,
        message: later
          ? `COPY --from=${raw} refers to stage '${later.name}', which is defined later; move that stage above this one.`
          : `COPY --from=${raw} matches no stage of this file; Docker will try to pull an image named '${raw}'.`,
      });
    }
    return out;
  },
};
