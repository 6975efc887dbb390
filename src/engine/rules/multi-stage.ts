// multi-stage: a toolchain/SDK ships in the final image (go build, cargo build, mvn/gradle,
// dotnet publish, npm run build, tsc in the final stage). The fix is the rewriter's synthesis of a
// builder stage plus a minimal runtime stage.
import type { RunInstruction, Stage } from '../model';
import type { Fix, Rule, RuleReport } from './types';
import { DOCS } from './refs';
import { baseInfo, effects, finalStage, isRun, isSdkBase, makeFix } from './util';
import { synthesizeMultiStage } from '../synthesize';

const BUILD_TOOLS = new Set([
  'go',
  'cargo',
  'maven',
  'gradle',
  'dotnet',
  'npm-script',
  'tsc',
  'yarn-script',
  'pnpm-script',
  'webpack',
  'vite',
  'next',
  'ng',
]);

/** What a RUN builds, from the parser's build effects (the one account of what a command does). */
export function builds(run: RunInstruction): string[] {
  const out = new Set<string>();
  for (const e of effects(run, 'build')) {
    if (!BUILD_TOOLS.has(e.tool)) continue;
    const cmd = run.shell?.commands[e.command];
    out.add(cmd ? cmd.text.trim().replace(/\s+/g, ' ').slice(0, 60) : `${e.tool} build`);
  }
  return [...out];
}

export function stageBuilds(stage: Stage): { run: RunInstruction; what: string[] } | null {
  for (const ins of stage.instructions) {
    if (!isRun(ins)) continue;
    const what = builds(ins);
    if (what.length) return { run: ins, what };
  }
  return null;
}

export const rule: Rule = {
  meta: {
    id: 'multi-stage',
    technique: 'multi-stage',
    severity: 'warning',
    title: 'Build in a separate stage and ship only the runtime',
    hadolint: [],
    buildChecks: [],
    references: [DOCS.multiStage, DOCS.bestPractices],
    fixable: 'sometimes',
    fixSafety: 'safe',
  },
  docs: {
    whatItDoes:
      'Reports a final stage that compiles or bundles the application (`go build`, `cargo build`, `mvn package`, `gradle build`, `dotnet publish`, `npm run build`, `tsc`), so the whole toolchain ships with the result. (An SDK base that only runs the app is the slim-base-image rule’s business.)',
    whyItMatters:
      'Compilers, SDKs, dependency caches and dev dependencies are needed to build, not to run. In a single stage they all ship: a Go service of 10 MB in an 800 MB golang image, a Rust binary in a 1.5 GB rust image. A multi-stage build compiles in a builder stage and copies only the artifacts (`COPY --from=build`) into a small runtime image: scratch or distroless for static Go and Rust binaries, a JRE instead of a JDK (and, one step further, a runtime linked with `jlink` from the Java SE modules only: about 100 MB instead of the JRE image’s 200 MB), the ASP.NET runtime instead of the SDK, nginx for a static site.',
    before: String.raw`FROM golang:1.23
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN go build -o /app ./cmd/server
CMD ["/app"]
`,
    after: String.raw`FROM golang:1.23 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -ldflags="-s -w" -o /app ./cmd/server

FROM gcr.io/distroless/static-debian12:nonroot
WORKDIR /src
COPY --from=build /app /app
USER nonroot:nonroot
CMD ["/app"]
`,
    fixSafety:
      'Safe as a rewrite step, with caveats: the synthesized Dockerfile keeps the build commands unchanged in a builder stage and keeps what the final image promises (CMD, ENTRYPOINT, EXPOSE, USER, ENV, WORKDIR); the rewriter re-checks those promises and drops the step if one breaks. The runtime stage may lack files the program reads at run time (templates, migrations, CA certificates for scratch): read the caveats. For Java, the jlink runtime that replaces the Alpine JRE is a step of its own (`jlink-runtime`): it holds a fixed, broad module set, so an app needing another JDK module (Flight Recorder, remote debugging, extra locales) must add it, and fonts must be installed for apps that draw text; switch the step off to keep the JRE. Not offered when the Dockerfile is already multi-stage or the ecosystem is not recognised.',
    whenNotToUse:
      'Development images meant to run the compiler (a dev container), or CI images whose job is building.',
  },
  check(ctx) {
    const { model } = ctx;
    const stage = finalStage(model);
    if (!stage) return [];
    const built = stageBuilds(stage);
    const info = baseInfo(ctx, stage);
    const sdk = info && 'image' in stage.base && isSdkBase(info) ? info.reference : null;
    // The synthesis is this rule's fix, the one owner of the multi-stage rewrite step.
    const s = model.stages.length === 1 ? synthesizeMultiStage(model) : null;
    const made =
      s && s.text !== model.text
        ? makeFix(
            'Build in a separate stage and ship only the runtime',
            // A synthesis that refuses itself stays reviewable by hand, never a one-click fix.
            s.withheld ? 'unsafe' : 'safe',
            [{ start: 0, end: model.text.length, text: s.text }],
            s.caveats,
          )
        : null;
    const fix: Fix | null =
      made && s
        ? {
            ...made,
            explanation: s.explanation,
            changes: s.changes,
            ecosystem: s.ecosystem,
            ...(s.withheld ? { withheld: s.withheld } : {}),
          }
        : null;
    if (!built) {
      // No build in the final stage, but a synthesis exists (a Python venv, Node production
      // dependencies on a full image, a `cargo run`): offered as a suggestion.
      if (!fix || !s) return [];
      return [
        {
          span: stage.from.span,
          message: `One stage on ${stage.from.image} both prepares and runs the app, so what only the preparation needs ships too; a separate build stage lets the final image hold only the runtime. ${s.explanation}`,
          fix,
          severity: 'info',
        },
      ];
    }
    const report: RuleReport = {
      span: built.run.span,
      message: `${built.what.join(', ')} runs in the final stage${sdk ? ` on ${sdk}` : ''}: the toolchain, sources and build caches ship with the result. Build in a separate stage and copy only the artifacts.`,
      fix,
    };
    return [report];
  },
};
