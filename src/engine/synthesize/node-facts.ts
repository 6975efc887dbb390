// What a single-stage Node.js Dockerfile says about its dependencies: the package manager, the
// project install and its working folder, the lockfile and manifests, the build and global
// installs. Read by the Node.js and static-site syntheses, from the parser's effects only.
import type { Effect, ShellCommand } from '../model';
import { basename, workdirs, type StageFacts } from './common';
import { effectsAt, effectsOf, findEffect, type EffectOf } from './command-effects';
import { isBuildWorkScript } from '../ecosystems/node-scripts';

export type NodeManager = 'npm' | 'yarn' | 'pnpm';

type Install = EffectOf<'package-install'>;

const isNodeManager = (m: string): m is NodeManager => m === 'npm' || m === 'yarn' || m === 'pnpm';

/** The subcommands of a project install (`npm add` with no names is not taken for one, as before). */
const PROJECT_VERBS = new Set(['ci', 'install', 'i']);

/** The project install: `npm ci`, `npm install` (no package names), `yarn`, `pnpm install`. */
export function projectInstall(effects: readonly Effect[]): Install | undefined {
  return findEffect(
    effects,
    'package-install',
    (e) => isNodeManager(e.manager) && !e.global && !e.packages.length && PROJECT_VERBS.has(e.verb ?? ''),
  );
}

/** Global tool installs (`npm install -g pm2`, `yarn global add serve`): the runtime needs them. */
export function globalInstall(effects: readonly Effect[]): Install | undefined {
  return findEffect(effects, 'package-install', (e) => isNodeManager(e.manager) && e.global);
}

/** `npm i lodash`, `yarn add x`, `pnpm add x -w`: project packages added by name, beside the manifest. */
export function addsPackages(effects: readonly Effect[]): boolean {
  return !!findEffect(
    effects,
    'package-install',
    (e) =>
      isNodeManager(e.manager) &&
      !e.global &&
      (e.verb === 'add' || (e.packages.length > 0 && ['install', 'i'].includes(e.verb ?? ''))),
  );
}

/** CLIs that build when npx runs them, and when they run by name. */
const RUNNER_BUILDS = new Set([
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
]);
const NAMED_BUILDS = new Set(['tsc', 'next', 'vite', 'ng', 'nest', 'webpack', 'esbuild', 'rollup']);

/** Build work: `npm run build`, `yarn build`, `pnpm -r build`, `npx tsc`, `next build`... */
export function isNodeBuild(effects: readonly Effect[]): boolean {
  return effects.some(
    (e) =>
      (e.kind === 'package-script' && e.manager !== 'bun' && isBuildWorkScript(e.script)) ||
      (e.kind === 'tool-run' &&
        e.ecosystem === 'node' &&
        (e.viaRunner ? RUNNER_BUILDS : NAMED_BUILDS).has(e.tool)),
  );
}

/** A Node.js program ran (npm, yarn, pnpm, npx, node, corepack, a CLI): the Node synthesis knows it (bun aside). */
export function runsNode(effects: readonly Effect[]): boolean {
  return effects.some((e) => e.kind === 'tool-run' && e.ecosystem === 'node' && e.tool !== 'bun');
}

/** The words a build effect names (tool or script and their arguments): framework and output hints. */
export function buildWords(effects: readonly Effect[]): string[] {
  return effects.flatMap((e) =>
    e.kind === 'tool-run' ? [e.tool, ...e.args] : e.kind === 'package-script' ? [e.script, ...e.args] : [],
  );
}

export const LOCKFILES: Record<NodeManager, string> = {
  npm: 'package-lock.json',
  yarn: 'yarn.lock',
  pnpm: 'pnpm-lock.yaml',
};

export interface NodeFacts {
  manager: NodeManager;
  install: ShellCommand;
  /** What the parser says the install does. */
  installEffect: Install;
  lockfile: boolean;
  /** package-lock.json or npm-shrinkwrap.json is certainly copied (or the original runs `npm ci`). */
  npmLockfile: boolean;
  yarnBerry: boolean;
  /** The effects of each build command. */
  builds: Effect[][];
  /** Global installs, as written, with their manager. */
  globals: { cmd: ShellCommand; manager: NodeManager }[];
  /** Manifests to copy before the context (package.json and the lockfile...). */
  manifests: string[];
  /** The app folder (working directory of the install). */
  appDir: string;
}

/** What the copies and the install say about the lockfile and yarn's generation. */
function lockfileFacts(facts: StageFacts, install: Install) {
  const copied = facts.copies.flatMap((c) => (c.from === null ? c.sources.map(basename) : []));
  const ci = install.verb === 'ci';
  const lockfile =
    copied.some((s) =>
      /^(package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|package\*\.json)$/.test(s),
    ) ||
    ci ||
    install.flags.some(
      (a) => a === '--frozen-lockfile' || a === '--immutable' || a === '--frozen-lockfile=true',
    );
  // `npm ci` fails without package-lock.json or npm-shrinkwrap.json: only when one is named (a
  // `package*.json` glob copies a lockfile only if the project has one).
  const npmLockfile = ci || copied.some((s) => s === 'package-lock.json' || s === 'npm-shrinkwrap.json');
  const yarnBerry =
    install.manager === 'yarn' &&
    (copied.some((s) => s === '.yarnrc.yml' || s === '.yarn') || install.flags.includes('--immutable'));
  return { copied, lockfile, npmLockfile, yarnBerry };
}

export function nodeFacts(facts: StageFacts): NodeFacts | null {
  const commands = facts.commands.map((c) => ({ ...c, effects: effectsAt(c.run, c.index) }));
  const found = commands.find((c) => projectInstall(c.effects));
  if (!found) return null;
  const installEffect = projectInstall(found.effects)!;
  const manager = installEffect.manager as NodeManager;
  const appDir = workdirs(facts.stage).get(found.run) ?? null;
  if (!appDir || appDir === '/') return null;
  // `cd dir && npm install`: the install runs elsewhere; too uncertain to restructure.
  if (found.run.shell.effects.some((e) => e.kind === 'chdir' && e.command < found.index)) return null;
  const { copied, lockfile, npmLockfile, yarnBerry } = lockfileFacts(facts, installEffect);
  const manifests: string[] = [];
  if (manager === 'npm') manifests.push('package*.json');
  else manifests.push('package.json', `${LOCKFILES[manager]}${lockfile ? '' : '*'}`);
  if (copied.includes('.npmrc')) manifests.push('.npmrc');
  if (manager === 'pnpm' && copied.includes('pnpm-workspace.yaml')) manifests.push('pnpm-workspace.yaml');
  if (yarnBerry) manifests.push('.yarnrc.yml');
  return {
    manager,
    install: found.cmd,
    installEffect,
    lockfile,
    npmLockfile,
    yarnBerry,
    builds: commands.filter((c) => isNodeBuild(c.effects)).map((c) => c.effects),
    globals: commands.flatMap((c) => {
      const g = globalInstall(c.effects);
      return g ? [{ cmd: c.cmd, manager: g.manager as NodeManager }] : [];
    }),
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
  const texts = [...nf.builds.flatMap(buildWords), ...words].join(' ');
  if (/\bnext\b/.test(texts) || /\bnext\b/.test(facts.model.text))
    return { dirs: ['.next'], guessed: !/\bnext\b/.test(texts) };
  if (/\bnuxt\b/.test(texts)) return { dirs: ['.output'], guessed: false };
  return { dirs: ['dist'], guessed: true };
}

/** For the builder stage: whether a command of the stage is the project install. */
export function installsProject(facts: StageFacts): (cmd: ShellCommand) => boolean {
  return (cmd) => !!projectInstall(effectsOf(facts.stage, cmd));
}
