// correctness: a Go binary built with cgo (CGO_ENABLED=1, or unset on a builder with a C
// compiler such as golang:* on Debian) copied into scratch or distroless static, which have no C
// library: the container fails to start with "exec /app: no such file or directory".
import type { Stage } from '../model';
import type { Rule, RuleContext, RuleReport } from './types';
import { DOCS } from './refs';
import { baseInfo, commandRange, effects, isAlpineBase, isCopy, isRun, makeFix } from './util';

/** The final image has no C library: scratch, distroless static, or a catalog entry without libc. */
function hasNoLibc(ctx: RuleContext, stage: Stage): boolean {
  if ('scratch' in stage.base) return true;
  if (!('image' in stage.base)) return false;
  const info = baseInfo(ctx, stage);
  if (!info) return false;
  if (/distroless\/static|chainguard\/static/.test(info.repo)) return true;
  return info.entry?.libc === 'none';
}

export const rule: Rule = {
  meta: {
    id: 'cgo-binary-on-static-base',
    technique: 'correctness',
    severity: 'error',
    title: 'A cgo-linked Go binary cannot run on scratch or distroless static',
    hadolint: [],
    buildChecks: [],
    references: [DOCS.multiStage, 'https://pkg.go.dev/cmd/cgo'],
    fixable: 'sometimes',
    fixSafety: 'unsafe',
  },
  docs: {
    whatItDoes:
      'Reports a `go build` whose binary is copied into a `scratch` or distroless `static` final stage while cgo is on: `CGO_ENABLED=1`, or not set on a builder that has a C compiler (the Debian-based golang images do; golang:*-alpine does not).',
    whyItMatters:
      'With cgo on, packages such as `net` and `os/user` link the C library dynamically, so the binary needs glibc and its loader at run time. scratch and distroless static have neither: the container stops at once with "exec /app: no such file or directory", a message that hides the cause. Build with `CGO_ENABLED=0` for a static binary, or keep cgo and ship on `gcr.io/distroless/base-debian12` (glibc).',
    before: String.raw`FROM golang:1.23 AS build
WORKDIR /src
COPY . .
RUN go build -o /out/api .
FROM scratch
COPY --from=build /out/api /api
ENTRYPOINT ["/api"]
`,
    after: String.raw`FROM golang:1.23 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/api .
FROM scratch
COPY --from=build /out/api /api
ENTRYPOINT ["/api"]
`,
    fixSafety:
      'Unsafe: `CGO_ENABLED=0` is right for pure Go programs; a program that needs cgo (mattn/go-sqlite3, librdkafka) then fails to build or to work; ship it on distroless base instead.',
    whenNotToUse:
      'When the build links statically on purpose (`-ldflags \'-extldflags "-static"\'` with a C toolchain).',
  },
  check(ctx) {
    const { model } = ctx;
    const out: RuleReport[] = [];
    const final = model.stages.find((s) => s.final);
    if (!final || !hasNoLibc(ctx, final)) return out;
    const fromStages = new Set<number>();
    for (const i of final.instructions)
      if (isCopy(i) && i.from && 'stage' in i.from) fromStages.add(i.from.stage);
    for (const index of fromStages) {
      const stage = model.stages[index];
      if (!stage) continue;
      const alpine = isAlpineBase(baseInfo(ctx, stage));
      for (const run of stage.instructions) {
        if (!isRun(run)) continue;
        for (const e of effects(run, 'build')) {
          if (e.tool !== 'go' || !e.linkage || e.linkage.static) continue;
          if (e.linkage.cgo === 'off' || (e.linkage.cgo === 'default' && alpine)) continue;
          const cmd = run.shell.commands[e.command];
          const range = cmd && !cmd.env.CGO_ENABLED ? commandRange(model, run, cmd) : null;
          out.push({
            span: run.span,
            message: `\`${cmd?.text.trim() ?? 'go build'}\` builds with cgo on (${e.linkage.cgo === 'on' ? 'CGO_ENABLED=1' : 'CGO_ENABLED is unset and the builder has a C compiler'}), so the binary needs glibc; the final stage on ${final.from.image} has no C library and the container would not start.`,
            fix: range
              ? makeFix('Build a static binary (CGO_ENABLED=0)', 'unsafe', [
                  { start: range.start, end: range.start, text: 'CGO_ENABLED=0 ' },
                ])
              : null,
          });
        }
      }
    }
    return out;
  },
};
