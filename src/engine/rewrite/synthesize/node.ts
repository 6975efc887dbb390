// Node.js (npm, yarn, pnpm): a deps stage with production dependencies only, a build stage when
// the Dockerfile builds (npm run build, tsc, next build...), and a slim runtime of the same major
// version that receives the context files, the production node_modules and the build output.
import type { CopyInstruction, Effect, RunInstruction, ShellCommand } from '../../model';
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
  positional,
  preamble,
  programName,
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
import { devToolOf, isBuildWork } from '../../ecosystems/node-scripts';

export type NodeManager = 'npm' | 'yarn' | 'pnpm';

const NODE_TOOLS = new Set([
  'npm',
  'yarn',
  'pnpm',
  'npx',
  'node',
  'corepack',
  'tsc',
  'next',
  'vite',
  'ng',
  'nest',
]);

/** The manager a command runs, looking through `npx pnpm` / `corepack pnpm`. */
function managerOf(cmd: ShellCommand): { manager: NodeManager; args: string[] } | null {
  const p = programName(cmd);
  if (p === 'npm' || p === 'yarn' || p === 'pnpm') return { manager: p, args: cmd.args };
  if ((p === 'npx' || p === 'corepack') && ['yarn', 'pnpm', 'npm'].includes(cmd.args[0]))
    return { manager: cmd.args[0] as NodeManager, args: cmd.args.slice(1) };
  return null;
}

/** `npm ci`, `npm install` (no package names), `yarn`, `yarn install`, `pnpm install`. */
export function isNodeInstall(cmd: ShellCommand): boolean {
  const m = managerOf(cmd);
  if (!m) return false;
  const [sub, ...rest] = m.args;
  if (m.args.some((a) => a === '-g' || a === '--global')) return false;
  if (m.manager === 'npm')
    return (sub === 'ci' || sub === 'install' || sub === 'i') && positional(rest).length === 0;
  if (m.manager === 'yarn')
    return sub === undefined || (sub === 'install' && positional(rest).length === 0) || sub.startsWith('-');
  return (sub === 'install' || sub === 'i') && positional(rest).length === 0;
}

/** Global tool installs (`npm install -g pm2`, `yarn global add serve`): the runtime needs them. */
function isGlobalInstall(cmd: ShellCommand): boolean {
  const m = managerOf(cmd);
  if (!m) return false;
  if (m.manager === 'yarn') return m.args[0] === 'global' && m.args[1] === 'add';
  return m.args.some((a) => a === '-g' || a === '--global') && ['install', 'i', 'add'].includes(m.args[0]);
}

/** `npm i lodash`, `yarn add x`, `pnpm add x -w`: project packages added by name, beside the manifest. */
function addsPackages(cmd: ShellCommand): boolean {
  const m = managerOf(cmd);
  if (!m || isGlobalInstall(cmd) || isNodeInstall(cmd)) return false;
  const [sub, ...rest] = m.args;
  return ['install', 'i', 'add'].includes(sub) && positional(rest).length > 0;
}

/** Build work: `npm run build`, `yarn build`, `pnpm -r build`, `npx tsc`, `next build`... */
export function isNodeBuild(cmd: ShellCommand): boolean {
  const p = programName(cmd);
  if (managerOf(cmd)) return isBuildWork(cmd);
  if (p === 'npx')
    return [
      'tsc',
      'next',
      'vite',
      'ng',
      'nest',
      'webpack',
      'rollup',
      'esbuild',
      'prisma',
      'nx',
      'turbo',
    ].includes(cmd.args[0] ?? '');
  return ['tsc', 'next', 'vite', 'ng', 'nest', 'webpack', 'esbuild', 'rollup'].includes(p);
}

const LOCKFILES: Record<NodeManager, string> = {
  npm: 'package-lock.json',
  yarn: 'yarn.lock',
  pnpm: 'pnpm-lock.yaml',
};

export interface NodeFacts {
  manager: NodeManager;
  install: ShellCommand;
  /** What the parser says the install does (null when it gave no install effect). */
  installEffect: Extract<Effect, { kind: 'package-install' }> | null;
  lockfile: boolean;
  /** package-lock.json or npm-shrinkwrap.json is certainly copied (or the original runs `npm ci`). */
  npmLockfile: boolean;
  yarnBerry: boolean;
  builds: ShellCommand[];
  globals: ShellCommand[];
  /** Manifests to copy before the context (package.json and the lockfile...). */
  manifests: string[];
  /** The app folder (working directory of the install). */
  appDir: string;
}

export function nodeFacts(facts: StageFacts): NodeFacts | null {
  const install = facts.commands.find((c) => isNodeInstall(c.cmd));
  if (!install) return null;
  const manager = managerOf(install.cmd)!.manager;
  const wd = workdirs(facts.stage);
  const appDir = wd.get(install.run) ?? null;
  if (!appDir || appDir === '/') return null;
  // `cd dir && npm install`: the install runs elsewhere; too uncertain to restructure.
  const cmds = install.run.shell.commands;
  if (cmds.slice(0, install.index).some((c) => programName(c) === 'cd')) return null;
  const copied = facts.copies.flatMap((c) => (c.from === null ? c.sources.map(basename) : []));
  const args = managerOf(install.cmd)!.args;
  const lockfile =
    copied.some((s) =>
      /^(package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|package\*\.json)$/.test(s),
    ) ||
    args[0] === 'ci' ||
    args.some((a) => a === '--frozen-lockfile' || a === '--immutable' || a === '--frozen-lockfile=true');
  // `npm ci` fails without package-lock.json or npm-shrinkwrap.json: only when one is named (a
  // `package*.json` glob copies a lockfile only if the project has one).
  const npmLockfile =
    args[0] === 'ci' || copied.some((s) => s === 'package-lock.json' || s === 'npm-shrinkwrap.json');
  const yarnBerry =
    manager === 'yarn' &&
    (copied.some((s) => s === '.yarnrc.yml' || s === '.yarn') || args.includes('--immutable'));
  const manifests: string[] = [];
  if (manager === 'npm') manifests.push('package*.json');
  else manifests.push('package.json', `${LOCKFILES[manager]}${lockfile ? '' : '*'}`);
  if (copied.includes('.npmrc')) manifests.push('.npmrc');
  if (manager === 'pnpm' && copied.includes('pnpm-workspace.yaml')) manifests.push('pnpm-workspace.yaml');
  if (yarnBerry) manifests.push('.yarnrc.yml');
  const builds = facts.commands.filter((c) => isNodeBuild(c.cmd)).map((c) => c.cmd);
  const globals = facts.commands.filter((c) => isGlobalInstall(c.cmd)).map((c) => c.cmd);
  const installEffect = install.run.shell.effects.find(
    (e): e is Extract<Effect, { kind: 'package-install' }> =>
      e.kind === 'package-install' && e.command === install.index,
  );
  return {
    manager,
    install: install.cmd,
    installEffect: installEffect ?? null,
    lockfile,
    npmLockfile,
    yarnBerry,
    builds,
    globals,
    manifests,
    appDir,
  };
}

/** The production-only install for the deps stage. */
export function productionInstall(nf: NodeFacts, nodeMajor: number | null): string {
  if (nf.manager === 'yarn') {
    if (nf.yarnBerry) return 'yarn workspaces focus --all --production';
    return `yarn install --production${nf.lockfile ? ' --frozen-lockfile' : ''}`;
  }
  if (nf.manager === 'pnpm') return `pnpm install --prod${nf.lockfile ? ' --frozen-lockfile' : ''}`;
  const omit = nodeMajor !== null && nodeMajor < 16 ? '--only=production' : '--omit=dev';
  return nf.npmLockfile ? `npm ci ${omit}` : `npm install ${omit}`;
}

/** Where the build writes: read from CMD/ENTRYPOINT paths, framework hints, else dist/. */
export function buildOutputs(facts: StageFacts, nf: NodeFacts): { dirs: string[]; guessed: boolean } {
  const known = ['dist', 'build', 'out', '.next', '.output', 'lib', 'server', '.svelte-kit'];
  const words = facts.runWords ?? [];
  for (const w of words) {
    const first = w.replace(/^\.\//, '').split('/')[0];
    if (w.includes('/') && known.includes(first)) return { dirs: [first], guessed: false };
  }
  const texts = [...nf.builds.map((b) => b.text), ...words].join(' ');
  if (/\bnext\b/.test(texts) || /\bnext\b/.test(facts.model.text))
    return { dirs: ['.next'], guessed: !/\bnext\b/.test(texts) };
  if (/\bnuxt\b/.test(texts)) return { dirs: ['.output'], guessed: false };
  return { dirs: ['dist'], guessed: true };
}

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
      r.shell.commands.some((c) => /^(useradd|groupadd|usermod)$/.test(programName(c))),
    );
  const alpine = isAlpineTag(image.tag) || (!nativeSignals(facts) && !debianOnly);
  const v = version ?? (image.tag && /lts|current/.test(image.tag) ? image.tag.replace(/-.*/, '') : 'lts');
  return { image: `${image.prefix}node:${v}-${alpine ? 'alpine' : 'slim'}`, alpine, version };
}

/** Programs whose runtime a Node image happens to carry but the slim Node runtime does not. */
const OTHER_RUNTIME = /^(python[\d.]*|ruby|php[\d.]*|perl|java)$/;

/** Harmless where the app folder is copied from the build stage; not here, see unknownRunReason. */
const FILE_MAKERS: ReadonlySet<string> = new Set(['cp', 'mv']);

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

  const runtime = nodeRuntimeImage(facts);
  const major = runtime.version ? Number(majorOf(runtime.version)) : null;
  const caveats: string[] = [];
  const app = nf.appDir;
  const stage = facts.stage;
  const pre = preamble(facts.model);

  // deps: the setup commands that ran before the install (OS packages, corepack, a global pnpm),
  // the manifests and a production-only install; its FROM line is chosen below.
  const deps: string[] = [];
  deps.push(...argEnvLines(stage));
  const setupRuns: RunInstruction[] = [];
  for (const i of stage.instructions) {
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
    const setup = i.shell.commands.every((c) => {
      const p = programName(c);
      return (
        ['apt-get', 'apt', 'apk', 'rm', 'corepack', 'npm', 'yarn', 'pnpm', 'mkdir', 'true', 'set'].includes(
          p,
        ) &&
        !isNodeInstall(c) &&
        !isNodeBuild(c)
      );
    });
    if (setup) setupRuns.push(i);
  }
  // The setup RUNs first, each in the folder it ran in, then the app's folder.
  deps.push(...carriedRunLines(facts, [], setupRuns, app));
  // What the production install needs: the COPYs the original made before its install when
  // they were selective (a monorepo copies its workspace manifests that way), the whole context
  // for a workspace that was copied whole, else the manifests.
  const wd = workdirs(stage);
  const installRun = facts.commands.find((c) => c.cmd === nf.install)!.run;
  const before = stage.instructions
    .slice(0, stage.instructions.indexOf(installRun))
    .filter((i): i is CopyInstruction => isCopy(i) && i.from === null);
  const workspace =
    /pnpm-workspace\.yaml|turbo\.json|lerna\.json|nx\.json|"workspaces"|--workspace|yarn workspaces/.test(
      facts.model.text,
    );
  const sameDir = before.every((c) => wd.get(c) === app || c.destination.startsWith('/'));
  const whole = before.some((c) => copiesWholeContext(c));
  if (before.length && sameDir && (!whole || workspace)) deps.push(...before.map(rawOf));
  else deps.push(`COPY ${nf.manifests.join(' ')} ./`);
  const hasCorepack = facts.commands.some(
    (c) => programName(c.cmd) === 'corepack' || (/pnpm/.test(c.cmd.text) && isGlobalInstall(c.cmd)),
  );
  if (nf.manager === 'pnpm' && !hasCorepack)
    deps.push(runLine(['corepack enable', productionInstall(nf, major)]));
  else deps.push(`RUN ${productionInstall(nf, major)}`);
  // node_modules must match the runtime's libc: on an Alpine runtime the production install runs
  // on that image too, so native modules get musl builds (or fail at build time, never at run
  // time). Setup commands of Debian's apt keep it on the original image (it has the compilers
  // native modules may need).
  const depsOnRuntime =
    runtime.alpine && !isAlpineTag(facts.image.tag) && !deps.some((l) => /\bapt(-get)?\b/.test(l));
  const platform = facts.from.flags.find((f) => f.name === 'platform');
  deps.unshift(
    `FROM ${platform ? `--platform=${platform.value} ` : ''}${depsOnRuntime ? runtime.image : facts.builderRef} AS deps`,
  );

  // build: the original stage (manifests first), only when it builds something.
  let build: string[] = [];
  let outputs: string[] = [];
  if (hasBuild) {
    const b = builderStage(facts, {
      name: 'build',
      image: facts.builderRef,
      manifests: nf.manifests,
      isInstall: isNodeInstall,
    });
    build = b.lines;
    const out = buildOutputs(facts, nf);
    outputs = out.dirs;
    if (out.guessed)
      caveats.push(
        `The build output folder was taken to be ${outputs.map((d) => d + '/').join(', ')}; if the build writes elsewhere, change the COPY --from=build line.`,
      );
    if (facts.commands.some((c) => /prisma\s+generate/.test(c.cmd.text)))
      caveats.push(
        'Code generated into node_modules during the build (prisma generate) is not in the production node_modules of the deps stage: run the generator there too.',
      );
  }

  // runtime
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
  // The context files, in the original order with the original working directories.
  for (const i of stage.instructions) {
    if (i.keyword === 'WORKDIR') rt.push(rawOf(i));
    else if (isCopy(i) && i.from === null && i.remoteSources.length === 0) rt.push(rawOf(i));
    else if (isCopy(i) && i.from !== null) rt.push(rawOf(i));
  }
  rt.push(`COPY --from=deps ${app}/node_modules ${app}/node_modules`);
  for (const d of outputs) rt.push(`COPY --from=build ${app}/${d} ${app}/${d}`);
  for (const g of nf.globals)
    rt.push(
      runLine([
        g.text,
        `${g.args[0] === 'global' || programName(g) === 'yarn' ? 'yarn cache clean' : 'npm cache clean --force'}`,
      ]),
    );
  rt.push(...carriedRunLines(facts, rt));
  const user = userLine(facts, 'node');
  rt.push(...runtimeTail(stage, { user }));

  // Refusals: a dev server needs the devDependencies the deps stage leaves out; a RUN the
  // synthesis does not understand would run in the build stages only.
  const devTool = devToolOf(facts.runWords);
  const added = facts.commands.find((c) => addsPackages(c.cmd));
  const withheld = devTool
    ? `the image starts a development tool (\`${devTool}\`), which needs the devDependencies a production image leaves out.`
    : added
      ? `the RUN at line ${added.run.span.line} adds packages (\`${added.cmd.text.trim()}\`) that the production install of the deps stage would not bring.`
      : unknownRunReason(
          facts,
          (c) => NODE_TOOLS.has(programName(c)) || isNodeBuild(c) || isNodeInstall(c),
          // The runtime takes the context as the COPYs wrote it: files a cp/mv made are not there.
          FILE_MAKERS,
        );
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

  const text = joinLines([...pre, ...deps, '', ...(build.length ? [...build, ''] : []), ...rt]);
  const explanation = hasBuild
    ? `Three stages: \`deps\` installs production dependencies only (${productionInstall(nf, major)}), \`build\` installs everything and runs the build, and the final stage on ${runtime.image} receives the app files, the production node_modules and the build output (${outputs.join(', ')}/). Compilers, devDependencies and caches stay behind.`
    : `Two stages: \`deps\` installs production dependencies only (${productionInstall(nf, major)}) on ${depsOnRuntime ? runtime.image : 'the original image'}, and the final stage on ${runtime.image} receives the app files and those node_modules. devDependencies, compilers and caches stay behind.`;
  return { text, ecosystem: 'node', caveats, explanation, ...(withheld ? { withheld } : {}) };
}
