// What a single-stage Node.js Dockerfile says about its dependencies: the package manager, the
// project install and its working folder, the lockfile and manifests, the build and global
// installs. Read by the Node.js and static-site syntheses.
import type { Effect, ShellCommand } from '../../model';
import { basename, positional, programName, workdirs, type StageFacts } from './common';
import { isBuildWork } from '../../ecosystems/node-scripts';
export type NodeManager = 'npm' | 'yarn' | 'pnpm';

export const NODE_TOOLS = new Set([
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
export function isGlobalInstall(cmd: ShellCommand): boolean {
  const m = managerOf(cmd);
  if (!m) return false;
  if (m.manager === 'yarn') return m.args[0] === 'global' && m.args[1] === 'add';
  return m.args.some((a) => a === '-g' || a === '--global') && ['install', 'i', 'add'].includes(m.args[0]);
}

/** `npm i lodash`, `yarn add x`, `pnpm add x -w`: project packages added by name, beside the manifest. */
export function addsPackages(cmd: ShellCommand): boolean {
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

export const LOCKFILES: Record<NodeManager, string> = {
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
