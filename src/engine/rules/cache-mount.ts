// buildkit-cache: language package managers and compilers without a BuildKit cache mount (info).
import type { RunInstruction } from '../model';
import { cacheMountFor, type CacheMount } from '../ecosystems';
import type { Rule, RuleReport } from './types';
import { DOCS } from './refs';
import { effects, hasCacheMount, isRun, makeFix, shippedStages } from './util';
import { programName } from '../primitives/commands';

/** The cache mounts come from the ecosystem modules (ecosystems/<name>.ts: cacheMounts). */
type CacheSpec = CacheMount;

const BUILD_TOOLS: Record<string, string> = {
  go: 'go-build',
  cargo: 'cargo-build',
  maven: 'maven',
  gradle: 'gradle',
  dotnet: 'dotnet',
};

interface Need {
  key: string;
  spec: CacheSpec;
  what: string;
  /** The folder to mount: the one the environment names, else the tool's default. */
  target: string;
}

function needed(run: RunInstruction): Need[] {
  const out: Need[] = [];
  const seen = new Set<string>();
  // A cache folder the environment names (PIP_CACHE_DIR, GOMODCACHE...) replaces the default.
  const add = (key: string, what: string, envDirs: string[] = []) => {
    const spec = cacheMountFor(key);
    if (!spec || seen.has(spec.target)) return;
    if (hasCacheMount(run, [spec.target, ...spec.also, ...envDirs])) return;
    seen.add(spec.target);
    out.push({ key, spec, what, target: envDirs[0] ?? spec.target });
  };
  for (const e of effects(run, 'package-install')) {
    if (e.noCache && (e.manager === 'pip' || e.manager === 'uv')) continue;
    add(e.manager, spoken(run, e.command, e.manager, e.verb ?? 'install'), e.cacheDirs);
  }
  for (const e of effects(run, 'build')) {
    const key = BUILD_TOOLS[e.tool];
    // Maven goals, Gradle tasks and dotnet verbs are the build's own words (`mvn package`).
    const verb = /^(maven|gradle|dotnet)$/.test(e.tool) && e.target ? e.target : 'build';
    if (key) add(key, spoken(run, e.command, e.tool, verb), e.cacheDirs);
  }
  return out;
}

/** Programs that only start the package manager (`python -m pip`, `sudo npm`). */
const WRAPPERS = /^(python[\d.]*|sudo|env|sh|bash|exec|time|nice)$/;

/**
 * The command as the line writes it (`npm ci`, `mvn dependency:go-offline`, `bundle install`,
 * `go mod download`), so the message names what the user typed, not the manager's name.
 */
function spoken(run: RunInstruction, command: number, manager: string, verb: string): string {
  const cmd = run.shell?.commands[command];
  const program = cmd ? programName(cmd) : '';
  // The parser may file a command under another verb (`pnpm install x` adds x): say the user's.
  const said =
    !cmd || verb.includes(' ') || cmd.args.includes(verb)
      ? verb
      : (cmd.args.find((a) => !a.startsWith('-')) ?? verb);
  return `${!program || WRAPPERS.test(program) ? manager : program} ${said}`;
}

export const rule: Rule = {
  meta: {
    id: 'cache-mount',
    technique: 'buildkit-cache',
    severity: 'info',
    title: 'Use a BuildKit cache mount for package downloads',
    hadolint: [
      'DL3060',
      'DL3068',
      'DL3069',
      'DL3070',
      'DL3071',
      'DL3072',
      'DL3073',
      'DL3074',
      'DL3075',
      'DL3077',
    ],
    buildChecks: [],
    references: [DOCS.runMountCache, DOCS.cacheOptimize],
    fixable: 'sometimes',
    fixSafety: 'unsafe',
  },
  docs: {
    whatItDoes:
      'Reports a RUN that downloads language dependencies or compiles (npm, yarn, pnpm, pip, uv, poetry, go, cargo, Maven, Gradle, Composer, NuGet, Bundler) without a `--mount=type=cache` for that tool’s cache folder.',
    whyItMatters:
      'When the layer is rebuilt — after a manifest change — everything is downloaded (and compiled) again. A cache mount keeps the tool’s cache on the builder between builds, outside the image: rebuilds get much faster, and the cache never adds bytes to the image, so it also replaces the "delete the cache in the same RUN" advice.',
    before: String.raw`FROM golang:1.23 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
`,
    after: String.raw`FROM golang:1.23 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/go/pkg/mod go mod download
`,
    fixSafety:
      'Unsafe: cache mounts need BuildKit (the default builder since Docker 23); the legacy builder rejects `--mount`. The cache folder must be the one the tool really uses (a non-root USER or a changed HOME moves it). Offered, off by default.',
    whenNotToUse:
      'With the legacy builder or build services without BuildKit, and for builds that never run twice on the same builder (ephemeral CI runners without a cache export): the mount is harmless there but gains nothing.',
  },
  check({ model }) {
    const out: RuleReport[] = [];
    const shipped = shippedStages(model);
    for (const run of model.instructions) {
      if (!isRun(run) || !run.shell || run.form !== 'shell') continue;
      const list = needed(run);
      if (list.length === 0) continue;
      const mounts = list.map((n) => `--mount=type=cache,target=${n.target}`).join(' ');
      const at = run.keywordSpan.end;
      const fix =
        model.text[at] === ' '
          ? makeFix(
              // Named after the tools, so several such steps in one rewrite tell themselves apart.
              `Add a cache mount for ${list.map((n) => n.what).join(' and ')}`,
              'unsafe',
              [{ start: at + 1, end: at + 1, text: mounts + ' ' }],
              ['Requires BuildKit; the cache path assumes the root user.'],
            )
          : null;
      // hadolint's DL3060 is about a yarn cache left in an image that ships: not when the RUN
      // cleans it, nor in a stage that neither ships nor is built on (a snippet without FROM ships).
      const yarnCacheShips =
        (run.stage < 0 || shipped.has(run.stage)) &&
        !run.shell.commands.some(
          (c) => programName(c) === 'yarn' && c.args[0] === 'cache' && c.args[1] === 'clean',
        );
      const aliases = list
        .map((n) => n.spec.hadolint)
        .filter((a): a is string => !!a && (a !== 'DL3060' || yarnCacheShips));
      out.push({
        span: run.span,
        message: `${list.map((n) => n.what).join(' and ')} without a cache mount: every rebuild of this layer downloads everything again. Add --mount=type=cache,target=${list[0].target}.`,
        fix,
        aliases,
      });
    }
    return out;
  },
};
