// cache-order: `COPY . .` before the dependency install: any source edit re-runs the install.
import type { CopyInstruction, DockerfileModel, PackageManager, RunInstruction } from '../model';
import type { Rule, RuleReport } from './types';
import { DOCS } from './refs';
import { ECOSYSTEMS, OS_MANAGERS, copyFirstFor } from '../ecosystems';
import { basename } from '../parse/effects/args';
import {
  contentEnd,
  deleteInstruction,
  effects,
  eol,
  foldStages,
  installs,
  isCopy,
  isRun,
  makeFix,
} from './util';

/** The language package managers (every ecosystem module's managers except the OS ones). */
const LANGUAGE: PackageManager[] = ECOSYSTEMS.flatMap((e) => e.managers).filter((m) => !OS_MANAGERS.has(m));

/** Files to copy before the install, per manager (null: reported without a fix). */
function manifests(manager: PackageManager, fromManifest: string | null): string[] | null {
  // pip installs the file it names (`-r requirements/prod.txt`); the others read fixed names.
  if (manager === 'pip')
    return fromManifest && !fromManifest.includes('/') && !fromManifest.includes('$') ? [fromManifest] : null;
  const files = copyFirstFor(manager);
  return files ? [...files] : null;
}

/**
 * Builds that fetch their dependencies themselves (no separate install in the Dockerfile): what to
 * copy first and what to run on it, so the download gets a layer of its own. `fix`: the lines to
 * insert before `COPY . .`, where one command does it for every project layout.
 */
const FETCHING_BUILDS: Record<
  string,
  { manager: PackageManager; programs: RegExp; files: string; fetch: string; fix: string[] | null }
> = {
  go: {
    manager: 'go',
    programs: /^go$/,
    files: 'go.mod and go.sum',
    fetch: '`go mod download`',
    fix: ['COPY go.mod go.sum* ./', 'RUN go mod download'],
  },
  maven: {
    manager: 'maven',
    programs: /^(mvn|mvnw)$/,
    files: 'pom.xml',
    fetch: '`mvn dependency:go-offline`',
    fix: ['COPY pom.xml ./', 'RUN mvn -B dependency:go-offline'],
  },
  gradle: {
    manager: 'gradle',
    programs: /^(gradle|gradlew)$/,
    files: 'the build scripts (settings.gradle, build.gradle) and the wrapper',
    fetch: '`gradle dependencies`',
    fix: null,
  },
  cargo: {
    manager: 'cargo',
    programs: /^cargo$/,
    files: 'Cargo.toml and Cargo.lock',
    fetch:
      'a build of the dependencies alone (`cargo chef cook`, or `cargo build` on a placeholder src/main.rs)',
    fix: null,
  },
  dotnet: {
    manager: 'dotnet',
    programs: /^dotnet$/,
    files: 'the project files (*.csproj, *.sln)',
    fetch: '`dotnet restore`',
    fix: null,
  },
};

export function wholeContext(copy: CopyInstruction): boolean {
  return copy.from === null && copy.sources.some((s) => s === '.' || s === './' || s === '*' || s === './*');
}

export const rule: Rule = {
  meta: {
    id: 'copy-before-install',
    technique: 'cache-order',
    severity: 'warning',
    title: 'Copy the dependency manifests before the source',
    hadolint: [],
    buildChecks: [],
    references: [DOCS.cacheOptimize, DOCS.cache],
    fixable: 'sometimes',
    fixSafety: 'unsafe',
  },
  docs: {
    whatItDoes:
      'Reports a dependency install from a manifest (`npm ci`, `pip install -r requirements.txt`, `bundle install`, `go mod download`, ...) that runs after the whole build context was copied in with `COPY . .`, and builds that download their dependencies themselves (`go build`, `cargo build`, `mvn package`, `gradle build`, `dotnet publish`) after it when nothing fetched them earlier (in the stage or the stage it is built from) and no cache mount keeps them.',
    whyItMatters:
      'The build cache reuses a layer only while everything before it is unchanged. With `COPY . .` first, editing any source file invalidates the copy, and the install after it runs again from scratch on every build. Copying just the manifests (package.json and the lock file, requirements.txt, go.mod/go.sum, ...) first, installing, and only then copying the source keeps the install cached until the dependencies really change.',
    before: String.raw`FROM node:22-slim
WORKDIR /app
COPY . .
RUN npm ci --omit=dev
CMD ["node", "server.js"]
`,
    after: String.raw`FROM node:22-slim
WORKDIR /app
COPY package*.json ./
RUN npm ci --omit=dev
COPY . .
CMD ["node", "server.js"]
`,
    fixSafety:
      'Unsafe: the install now runs before the source is present. Install scripts that need other files (a `postinstall` that builds, workspaces, local path dependencies, a `.npmrc` or `.yarnrc.yml`) break. Offered only for npm, yarn, pnpm, pip, bundler, composer and go when the install RUN directly follows the copy and does nothing else; otherwise reported without a fix. For builds, the fix inserts `COPY go.mod go.sum* ./` + `RUN go mod download` (Go) or `COPY pom.xml ./` + `RUN mvn -B dependency:go-offline` (Maven) before `COPY . .`: modules replaced by local paths and multi-module Maven builds need more files copied first. Cargo, Gradle and .NET are reported without a fix (cargo-chef, the build scripts and wrapper, or the project files with `dotnet restore`).',
    whenNotToUse: 'Throw-away images built once (a CI job image), where the cache never helps.',
  },
  check({ model }) {
    // A stage built FROM an earlier one starts with what that one fetched.
    return foldStages<InstallState>(model, {
      start: (_stage, parent) => ({ copy: null, early: new Set(parent?.early ?? []) }),
      step(state, ins) {
        if (isCopy(ins) && wholeContext(ins)) {
          state.copy = state.copy ?? ins;
          return null;
        }
        return isRun(ins) ? installAfterCopy(model, state, ins) : null;
      },
    });
  },
};

interface InstallState {
  /** The `COPY . .` not yet followed by an install (or a fetching build) it invalidates. */
  copy: CopyInstruction | null;
  /**
   * Managers that installed from manifests before the whole context came in: their later run
   * only adds the project itself on top of cached dependencies (`uv sync --no-install-project`,
   * then `uv sync`; `poetry install --no-root`, then `poetry install`).
   */
  early: Set<PackageManager>;
}

/** The report for a RUN that installs (or fetches) dependencies after `COPY . .`, else null. */
function installAfterCopy(
  model: DockerfileModel,
  state: InstallState,
  run: RunInstruction,
): RuleReport | null {
  const { early, copy } = state;
  if (!copy) {
    // Any run of the tool before the source arrives (go mod download, cargo chef cook, a
    // placeholder build, mvn dependency:go-offline, dotnet restore) fetched the dependencies.
    for (const b of Object.values(FETCHING_BUILDS))
      if ((run.shell?.commands ?? []).some((c) => b.programs.test(basename(c.name)))) early.add(b.manager);
  }
  const fromManifests = installs(run, LANGUAGE).filter(
    (e) => e.fromManifest !== null || (e.packages.length === 0 && !e.global),
  );
  if (!copy) {
    for (const e of fromManifests) early.add(e.manager);
    return null;
  }
  const install = fromManifests.find((e) => !early.has(e.manager));
  if (!install) {
    const report = fetchingBuild(model, copy, run, early);
    if (report) state.copy = null;
    return report;
  }
  const cmd = run.shell.commands[install.command];
  state.copy = null;
  return {
    span: run.span,
    message: `\`${cmd ? cmd.text.trim() : install.manager + ' install'}\` runs after \`COPY . .\` on line ${copy.span.line}: any source change re-runs the install. Copy the manifests first, install, then copy the source.`,
    fix: moveFix(model, copy, run, install.manager, install.fromManifest),
  };
}

/** A build after `COPY . .` that downloads every dependency again (no cache mount keeps them). */
function fetchingBuild(
  model: Parameters<Rule['check']>[0]['model'],
  copy: CopyInstruction,
  run: RunInstruction,
  early: Set<PackageManager>,
): RuleReport | null {
  if (run.mounts.some((m) => m.type === 'cache')) return null;
  const build = effects(run, 'build').find((e) => {
    const b = FETCHING_BUILDS[e.tool];
    return b && !early.has(b.manager) && !(e.tool === 'go' && /-mod=vendor/.test(run.raw));
  });
  if (!build) return null;
  const b = FETCHING_BUILDS[build.tool];
  const cmd = run.shell?.commands[build.command];
  const dest = copy.destination;
  const fixable = b.fix && copy.flags.length === 0 && (dest === '.' || dest === './' || dest.endsWith('/'));
  const nl = eol(model);
  return {
    span: run.span,
    message: `\`${cmd ? cmd.text.trim() : build.tool}\` downloads its dependencies after \`COPY . .\` on line ${copy.span.line}: any source change downloads them all again. Copy ${b.files} first and fetch the dependencies in their own layer (${b.fetch}), then copy the source.`,
    fix: fixable
      ? makeFix(
          `Fetch the dependencies from ${b.files} before copying the source`,
          'unsafe',
          [{ start: copy.span.start, end: copy.span.start, text: b.fix!.map((l) => l + nl).join('') }],
          [
            build.tool === 'maven'
              ? 'A multi-module build needs every module’s pom.xml copied first; plugins resolved only during the build may still download.'
              : 'Modules replaced by a local path (a replace directive) need those folders copied first too.',
          ],
        )
      : null,
  };
}

function moveFix(
  model: Parameters<Rule['check']>[0]['model'],
  copy: CopyInstruction,
  run: RunInstruction,
  manager: PackageManager,
  fromManifest: string | null,
) {
  const files = manifests(manager, fromManifest);
  if (!files) return null;
  if (run.index !== copy.index + 1 || copy.flags.length > 0 || run.heredocs.length > 0) return null;
  if (!run.shell || run.shell.commands.length !== 1) return null;
  if (!['.', './'].includes(copy.destination) && !copy.destination.endsWith('/')) return null;
  const dest = copy.destination === '.' ? './' : copy.destination;
  const nl = eol(model);
  const runText = model.text.slice(run.span.start, contentEnd(model, run));
  const keyword = model.text.slice(copy.keywordSpan.start, copy.keywordSpan.end);
  const copyKeyword = keyword === keyword.toLowerCase() ? 'copy' : 'COPY';
  return makeFix(
    'Copy the manifests and install before copying the source',
    'unsafe',
    [
      {
        start: copy.span.start,
        end: copy.span.start,
        text: `${copyKeyword} ${files.join(' ')} ${dest}${nl}${runText}${nl}`,
      },
      deleteInstruction(model, run),
    ],
    ['The install runs before the source is copied: install scripts that need other files break.'],
  );
}
