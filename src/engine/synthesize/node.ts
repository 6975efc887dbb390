// Node.js (npm, yarn, pnpm): a deps stage with production dependencies only, a build stage when
// the Dockerfile builds (npm run build, tsc, next build...), and a slim runtime of the same major
// version that receives the context files, the production node_modules and the build output.
import type { CopyInstruction, RunInstruction } from '../model';
import {
  argEnvLines,
  basename,
  builderStage,
  carriedRunLines,
  carriedRuns,
  copiesWholeContext,
  envKeys,
  healthcheckTool,
  isAlpineTag,
  isCopy,
  isRun,
  isSlimTag,
  joinLines,
  labelLines,
  majorOf,
  osInstallLine,
  osPackages,
  preamble,
  rawOf,
  runLine,
  runtimeTail,
  tagVersion,
  unknownRunReason,
  userLine,
  workdirs,
  type StageFacts,
  type SynthesisResult,
} from './common';
import { devToolOf } from '../ecosystems/node-scripts';
import {
  LOCKFILES,
  addsPackages,
  buildOutputs,
  buildWords,
  globalInstall,
  installsProject,
  isNodeBuild,
  nodeFacts,
  productionInstall,
  projectInstall,
  runsNode,
  type NodeFacts,
} from './node-facts';
import { effectsAt } from './command-effects';
import { resolvePath } from '../primitives/paths';
import type { Effect } from '../model';

export { nodeFacts, productionInstall, buildOutputs };
export type { NodeFacts, NodeManager } from './node-facts';

/** Signs that dependencies compile native code (node-gyp needs python/make/g++; glibc-only modules). */
function nativeSignals(facts: StageFacts): boolean {
  const os = osPackages(facts);
  if (
    os.all.some((p) =>
      /^(python3?|make|g\+\+|gcc|build-essential|build-base|libvips.*|libc6-compat|gcompat|node-gyp)$/.test(
        p,
      ),
    )
  )
    return true;
  return /\b(node-gyp|sharp|bcrypt|canvas|sqlite3|better-sqlite3|argon2|grpc|puppeteer|playwright|chromium)\b/i.test(
    facts.model.text,
  );
}

/**
 * The runtime: the same major version, alpine when the original gives no sign of native modules
 * (the seeds' first choice: node:<v>-alpine is far smaller), -slim (glibc) when it does.
 */
export function nodeRuntimeImage(facts: StageFacts): {
  image: string;
  alpine: boolean;
  version: string | null;
} {
  const { image } = facts;
  const version = tagVersion(image.tag);
  if (isSlimTag(image.tag)) return { image: facts.builderRef, alpine: isAlpineTag(image.tag), version };
  // Debian package names and useradd/groupadd do not carry over to Alpine: stay on Debian then.
  const os = osPackages(facts);
  const debianOnly =
    (os.manager === 'apt' && os.runtime.length > 0) ||
    carriedRuns(facts).some((r) =>
      r.shell.effects.some(
        (e) =>
          (e.kind === 'user-add' && e.dialect === 'shadow') ||
          (e.kind === 'user-modify' && e.tool === 'usermod'),
      ),
    );
  // bash, or a script whose interpreter is not visible, as the start command: Alpine has no bash.
  const start = facts.runWords?.[0] ?? '';
  const needsBash = /(^|\/)bash$/.test(start) || /\.(sh|bash)$/.test(start);
  const alpine = isAlpineTag(image.tag) || (!nativeSignals(facts) && !debianOnly && !needsBash);
  const v = version ?? (image.tag && /lts|current/.test(image.tag) ? image.tag.replace(/-.*/, '') : 'lts');
  return { image: `${image.prefix}node:${v}-${alpine ? 'alpine' : 'slim'}`, alpine, version };
}

/** Programs whose runtime a Node image happens to carry but the slim Node runtime does not. */
const OTHER_RUNTIME = /^(python[\d.]*|ruby|php[\d.]*|perl|java)$/;

/** mv/cp: harmless where the app folder is copied from the build stage; not here (see unknownRunReason). */
const FILE_MAKERS: ReadonlySet<Effect['kind']> = new Set(['move']);

/** The runtime image the synthesis chose, with its major version (null when unknown). */
interface NodeRuntime {
  image: string;
  alpine: boolean;
  version: string | null;
  major: number | null;
}

/** An effect of a setup command: OS and Node packages, corepack, folders, cleanups, `set`. */
function isSetupEffect(e: Effect): boolean {
  switch (e.kind) {
    case 'package-index-update':
    case 'package-install':
    case 'package-remove':
    case 'package-upgrade':
      return ['apt', 'apk', 'npm', 'yarn', 'pnpm'].includes(e.manager);
    case 'cache-clean':
    case 'remove':
    case 'make-dir':
      return true;
    case 'shell-only':
      return e.role === 'options' || e.role === 'nothing';
    case 'tool-run':
      return !e.viaRunner && ['corepack', 'npm', 'yarn', 'pnpm'].includes(e.tool);
    case 'package-script':
      return e.manager !== 'bun';
    default:
      return false;
  }
}

/** A command that sets the stage up for the install, and neither installs the project nor builds. */
function isSetupCommand(effects: readonly Effect[]): boolean {
  return (
    effects.length > 0 && effects.every(isSetupEffect) && !projectInstall(effects) && !isNodeBuild(effects)
  );
}

/**
 * The RUNs before the install that only set the stage up (OS packages, corepack, a global pnpm):
 * the deps stage repeats them.
 */
function setupRunsBefore(facts: StageFacts, nf: NodeFacts): RunInstruction[] {
  const setupRuns: RunInstruction[] = [];
  for (const i of facts.stage.instructions) {
    if (i.keyword === 'COPY' && isCopy(i) && i.from === null) {
      const all = i.sources.every((s) =>
        /^(package\.json|package\*\.json|package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|pnpm-workspace\.yaml|\.npmrc|\.yarnrc(\.yml)?)$/.test(
          basename(s),
        ),
      );
      if (all) continue;
    }
    if (!isRun(i)) continue;
    if (i.shell.commands.some((c) => c === nf.install)) break;
    const setup = i.shell.commands.every((_c, k) => isSetupCommand(effectsAt(i, k)));
    if (setup) setupRuns.push(i);
  }
  return setupRuns;
}

/** The stage ran `corepack enable` (the pnpm and yarn shims of the Node image). */
function usesCorepack(facts: StageFacts): boolean {
  return facts.commands.some((c) =>
    effectsAt(c.run, c.index).some((e) => e.kind === 'tool-run' && e.tool === 'corepack'),
  );
}

function installsPnpmGlobally(facts: StageFacts): boolean {
  return facts.commands.some((c) =>
    effectsAt(c.run, c.index).some(
      (e) =>
        e.kind === 'package-install' &&
        globalInstall([e]) !== undefined &&
        e.packages.some((p) => /pnpm/.test(p.raw)),
    ),
  );
}

/** A monorepo: its packages keep node_modules folders of their own, beside the root one. */
function isWorkspace(facts: StageFacts): boolean {
  return /pnpm-workspace\.yaml|turbo\.json|lerna\.json|nx\.json|"workspaces"|--workspace|yarn workspaces/.test(
    facts.model.text,
  );
}

/**
 * The deps stage: the setup commands that ran before the install, the manifests and a
 * production-only install. `onRuntime`: it runs on the runtime image rather than the original.
 */
function depsStage(
  facts: StageFacts,
  nf: NodeFacts,
  runtime: NodeRuntime,
): { lines: string[]; onRuntime: boolean } {
  const app = nf.appDir;
  const stage = facts.stage;
  const deps: string[] = [...argEnvLines(stage)];
  // The setup RUNs first, each in the folder it ran in, then the app's folder.
  deps.push(...carriedRunLines(facts, [], setupRunsBefore(facts, nf), app));
  // What the production install needs: the COPYs the original made before its install when
  // they were selective (a monorepo copies its workspace manifests that way), the whole context
  // for a workspace that was copied whole, else the manifests.
  const wd = workdirs(stage);
  const installRun = facts.commands.find((c) => c.cmd === nf.install)!.run;
  const before = stage.instructions
    .slice(0, stage.instructions.indexOf(installRun))
    .filter((i): i is CopyInstruction => isCopy(i) && i.from === null);
  const workspace = isWorkspace(facts);
  const sameDir = before.every((c) => wd.get(c) === app || c.destination.startsWith('/'));
  const whole = before.some((c) => copiesWholeContext(c));
  if (before.length && sameDir && (!whole || workspace)) deps.push(...before.map(rawOf));
  else deps.push(`COPY ${nf.manifests.join(' ')} ./`);
  if (nf.manager === 'pnpm' && !usesCorepack(facts) && !installsPnpmGlobally(facts))
    deps.push(runLine(['corepack enable', productionInstall(nf, runtime.major)]));
  else deps.push(`RUN ${productionInstall(nf, runtime.major)}`);
  // node_modules must match the runtime's libc: on an Alpine runtime the production install runs
  // on that image too, so native modules get musl builds (or fail at build time, never at run
  // time). Setup commands of Debian's apt keep it on the original image (it has the compilers
  // native modules may need).
  const onRuntime =
    runtime.alpine && !isAlpineTag(facts.image.tag) && !deps.some((l) => /\bapt(-get)?\b/.test(l));
  const platform = facts.from.flags.find((f) => f.name === 'platform');
  deps.unshift(
    `FROM ${platform ? `--platform=${platform.value} ` : ''}${onRuntime ? runtime.image : facts.builderRef} AS deps`,
  );
  return { lines: deps, onRuntime };
}

/** The build stage: the original stage (manifests first), and the folders its build writes. */
function buildStage(
  facts: StageFacts,
  nf: NodeFacts,
  major: number | null,
  caveats: string[],
): { lines: string[]; outputs: string[]; whole: boolean } {
  const b = builderStage(facts, {
    name: 'build',
    image: facts.builderRef,
    manifests: nf.manifests,
    isInstall: installsProject(facts),
  });
  const out = buildOutputs(facts, nf);
  // Where the build writes is not visible (`CMD npm start`), or a monorepo keeps node_modules in
  // each package: a guessed COPY --from=build could name a folder the build never made. The
  // build stage then drops its devDependencies in place and the final stage takes the app whole.
  if (out.guessed || isWorkspace(facts))
    return { lines: [...b.lines, `RUN ${pruneCommand(nf, major)}`], outputs: [], whole: true };
  if (facts.commands.some((c) => /\bprisma generate\b/.test(buildWords(effectsAt(c.run, c.index)).join(' '))))
    caveats.push(
      'Code generated into node_modules during the build (prisma generate) is not in the production node_modules of the deps stage: run the generator there too.',
    );
  return { lines: b.lines, outputs: out.dirs, whole: false };
}

/** Drops the devDependencies of a built project in place; files generated into node_modules stay. */
function pruneCommand(nf: NodeFacts, major: number | null): string {
  if (nf.manager === 'npm')
    return `npm prune ${major !== null && major < 16 ? '--production' : '--omit=dev'}`;
  if (nf.manager === 'pnpm') return 'pnpm prune --prod';
  // yarn has no prune: a production install over the built tree removes the devDependencies.
  return productionInstall(nf, major);
}

/**
 * The runtime of a final stage that takes the app folder whole: node_modules were installed on
 * the original image, so the runtime keeps its libc (glibc → -slim, musl → -alpine).
 */
function sameLibcRuntime(facts: StageFacts): NodeRuntime {
  const chosen = nodeRuntimeImage(facts);
  const major = chosen.version ? Number(majorOf(chosen.version)) : null;
  if (chosen.alpine === isAlpineTag(facts.image.tag)) return { ...chosen, major };
  // Built on glibc: -slim, of the named Debian release when there is one (node:20-trixie-slim).
  const release = /\b(buster|bullseye|bookworm|trixie)\b/.exec(facts.image.tag ?? '')?.[1];
  const image = chosen.image.replace(/-alpine$/, release ? `-${release}-slim` : '-slim');
  return { image, alpine: false, version: chosen.version, major };
}

/** The final stage: the runtime image, its OS packages, the context files, node_modules and the build output. */
function runtimeStage(
  facts: StageFacts,
  nf: NodeFacts,
  runtime: NodeRuntime,
  { outputs, whole }: { outputs: readonly string[]; whole: boolean },
  caveats: string[],
): string[] {
  const stage = facts.stage;
  const app = nf.appDir;
  const os = osPackages(facts);
  const rt: string[] = [`FROM ${runtime.image}`];
  rt.push(...argEnvLines(stage));
  if (!envKeys(stage).has('NODE_ENV')) rt.push('ENV NODE_ENV=production');
  rt.push(...labelLines(stage));
  const hc = healthcheckTool(stage);
  const rtManager = runtime.alpine ? 'apk' : 'apt';
  const wanted = [
    ...(os.manager === rtManager ? os.runtime : []),
    ...(hc === 'curl' || (hc === 'wget' && !runtime.alpine) ? [hc] : []),
  ];
  const osLine = osInstallLine(rtManager, [...new Set(wanted)]);
  if (osLine) rt.push(osLine);
  if (os.manager && os.manager !== rtManager && os.runtime.length)
    caveats.push(
      `The OS packages ${os.runtime.join(', ')} were installed with ${os.manager}; install their equivalents in the final stage.`,
    );
  if (whole) {
    // The app folder comes whole from the build stage; COPYs elsewhere are kept as written.
    const wd = workdirs(stage);
    for (const i of stage.instructions) {
      if (i.keyword === 'WORKDIR') rt.push(rawOf(i));
      else if (
        isCopy(i) &&
        (i.from !== null || !insideApp(resolvePath(wd.get(i) ?? null, i.destination), app))
      )
        rt.push(rawOf(i));
    }
    rt.push(`COPY --from=build ${app} ${app}`);
  } else {
    // The context files, in the original order with the original working directories.
    for (const i of stage.instructions) {
      if (i.keyword === 'WORKDIR') rt.push(rawOf(i));
      else if (isCopy(i) && i.from === null && i.remoteSources.length === 0) rt.push(rawOf(i));
      else if (isCopy(i) && i.from !== null) rt.push(rawOf(i));
    }
    rt.push(`COPY --from=deps ${app}/node_modules ${app}/node_modules`);
    for (const d of outputs) rt.push(`COPY --from=build ${app}/${d} ${app}/${d}`);
  }
  rt.push(...finishRuntime(facts, nf, rt));
  return rt;
}

const insideApp = (path: string, app: string): boolean =>
  path === app || path.startsWith(app.endsWith('/') ? app : app + '/');

/** The final stage's tail: global tools, the carried RUNs, USER and the start lines. */
function finishRuntime(facts: StageFacts, nf: NodeFacts, rt: string[] = []): string[] {
  const out: string[] = [];
  // The container starts pnpm or yarn through corepack's shims: enable them here too.
  if (usesCorepack(facts) && /^(pnpm|yarn)$/.test(facts.runWords?.[0] ?? '')) out.push('RUN corepack enable');
  for (const g of nf.globals)
    out.push(runLine([g.cmd.text, g.manager === 'yarn' ? 'yarn cache clean' : 'npm cache clean --force']));
  out.push(...carriedRunLines(facts, [...rt, ...out]));
  out.push(...runtimeTail(facts.stage, { user: userLine(facts, 'node') }));
  return out;
}

/**
 * Why the synthesis must be withheld: a dev server needs the devDependencies the deps stage
 * leaves out; a RUN the synthesis does not understand would run in the build stages only.
 */
function withheldReason(facts: StageFacts): string | null {
  const devTool = devToolOf(facts.runWords);
  if (devTool)
    return `the image starts a development tool (\`${devTool}\`), which needs the devDependencies a production image leaves out.`;
  const added = facts.commands.find((c) => addsPackages(effectsAt(c.run, c.index)));
  if (added)
    return `the RUN at line ${added.run.span.line} adds packages (\`${added.cmd.text.trim()}\`) that the production install of the deps stage would not bring.`;
  return unknownRunReason(
    facts,
    (_c, effects) => runsNode(effects) || isNodeBuild(effects) || !!projectInstall(effects),
    // The runtime takes the context as the COPYs wrote it: files a cp/mv made are not there.
    FILE_MAKERS,
  );
}

/** What the reader should know about the new images: user, libc, lockfile, OS packages. */
function runtimeCaveats(
  facts: StageFacts,
  nf: NodeFacts,
  runtime: NodeRuntime,
  depsOnRuntime: boolean,
): string[] {
  const caveats: string[] = [];
  const os = osPackages(facts);
  if (!facts.user)
    caveats.push(
      'The app now runs as the unprivileged `node` user: if it writes into its own folder at run time (uploads, caches), give that folder to `node` (chown) or use a volume.',
    );
  const maj = majorOf(runtime.version) ?? 'lts';
  if (runtime.alpine && !isAlpineTag(facts.image.tag))
    caveats.push(
      depsOnRuntime
        ? `The runtime moves from glibc (${facts.baseRef}) to Alpine's musl libc, and the production dependencies are installed on ${runtime.image} too, so native modules (bcrypt, sharp, canvas...) get musl builds. Alpine has no compilers: a module that must compile from source fails in the deps stage; then add \`RUN apk add --no-cache python3 make g++\` there, or use node:${maj}-slim (glibc, larger) for the deps and final stages.`
        : `The runtime moves from glibc (${facts.baseRef}) to Alpine's musl libc, but the production dependencies are installed on the original image (its setup needs apt): native modules (bcrypt, sharp, canvas...) built there are glibc builds that fail to load on musl. If the app uses any, use node:${maj}-slim (glibc, larger) as the final base.`,
    );
  else if (!runtime.alpine && !isSlimTag(facts.image.tag))
    caveats.push(
      `${runtime.image} is Debian (glibc) without compilers and with fewer tools (no curl, git or python); node:${maj}-alpine is smaller still but uses musl libc.`,
    );
  caveats.push(
    `gcr.io/distroless/nodejs${/^\d+$/.test(maj) ? maj : '22'}-debian12 is another option: no shell and no npm, so CMD must then be the script path (e.g. ["dist/index.js"]).`,
  );
  if (!nf.lockfile)
    caveats.push(
      `No lockfile was seen: commit ${LOCKFILES[nf.manager]} and copy it so that installs are reproducible.`,
    );
  if (os.unmapped.length)
    caveats.push(
      `Runtime libraries for ${os.unmapped.join(', ')} are not known: add them to the final stage if the app loads them.`,
    );
  if (os.dropped.length)
    caveats.push(`Build-only packages (${os.dropped.join(', ')}) stay in the build stages.`);
  return caveats;
}

export function synthesizeNode(facts: StageFacts): SynthesisResult | null {
  if (facts.image.name !== 'node') return null;
  // The final command runs another language: a Node runtime image would not have it.
  if (OTHER_RUNTIME.test((facts.runWords?.[0] ?? '').split('/').pop() ?? '')) return null;
  const nf = nodeFacts(facts);
  if (!nf) return null;
  // The parser's account of the install: already production-only (--omit=dev, --prod, NODE_ENV...).
  const productionAlready = nf.installEffect?.productionOnly ?? false;
  const hasBuild = nf.builds.length > 0;
  if (isSlimTag(facts.image.tag) && !hasBuild && productionAlready) return null;

  const chosen = nodeRuntimeImage(facts);
  let runtime: NodeRuntime = { ...chosen, major: chosen.version ? Number(majorOf(chosen.version)) : null };
  const caveats: string[] = [];
  const build = hasBuild
    ? buildStage(facts, nf, runtime.major, caveats)
    : { lines: [], outputs: [], whole: false };
  const whole = build.whole;
  if (whole) runtime = sameLibcRuntime(facts);
  const deps = whole ? { lines: [], onRuntime: false } : depsStage(facts, nf, runtime);
  const rt = runtimeStage(facts, nf, runtime, build, caveats);
  const withheld = withheldReason(facts);
  caveats.push(...runtimeCaveats(facts, nf, runtime, deps.onRuntime));

  const text = joinLines([
    ...preamble(facts.model),
    ...(deps.lines.length ? [...deps.lines, ''] : []),
    ...(build.lines.length ? [...build.lines, ''] : []),
    ...rt,
  ]);
  const install = productionInstall(nf, runtime.major);
  const explanation = whole
    ? `Two stages: \`build\` installs everything, runs the build and then drops the devDependencies (${pruneCommand(nf, runtime.major)}); the final stage on ${runtime.image} receives the app folder whole, with its production node_modules and whatever the build wrote. The Dockerfile does not show ${isWorkspace(facts) ? 'which node_modules folders the workspace packages need' : 'where the build writes'}, so nothing is guessed. Compilers, devDependencies and caches stay behind.`
    : hasBuild
      ? `Three stages: \`deps\` installs production dependencies only (${install}), \`build\` installs everything and runs the build, and the final stage on ${runtime.image} receives the app files, the production node_modules and the build output (${build.outputs.join(', ')}/). Compilers, devDependencies and caches stay behind.`
      : `Two stages: \`deps\` installs production dependencies only (${install}) on ${deps.onRuntime ? runtime.image : 'the original image'}, and the final stage on ${runtime.image} receives the app files and those node_modules. devDependencies, compilers and caches stay behind.`;
  return { text, ecosystem: 'node', caveats, explanation, ...(withheld ? { withheld } : {}) };
}
