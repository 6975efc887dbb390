// Which package.json script a Node package manager command runs (`npm run build`, `pnpm -r build`,
// `pnpm --filter web build`, `npm run build -w api`, `yarn workspace web build`), and whether an
// image's start command is a development tool: a dev server needs the devDependencies, so neither
// a production-only install nor a multi-stage rewrite may take them away.
import type { ShellCommand } from '../model';
import { basename } from '../primitives/paths';

export type ScriptManager = 'npm' | 'yarn' | 'pnpm' | 'bun';

/** Manager options that take a separate value: the value is neither a subcommand nor a script. */
const VALUE_OPTIONS = new Set([
  '--filter',
  '-F',
  '--workspace',
  '-w',
  '--prefix',
  '-C',
  '--dir',
  '--cwd',
  '--loglevel',
]);

/** pnpm's `-w` is --workspace-root (no value); npm's is --workspace <name>. */
function takesValue(manager: ScriptManager, flag: string): boolean {
  if (manager === 'pnpm' && flag === '-w') return false;
  return VALUE_OPTIONS.has(flag);
}

/** Subcommands that are not scripts (yarn and pnpm run unknown subcommands as scripts). */
const NOT_SCRIPTS = new Set([
  'install',
  'i',
  'ci',
  'add',
  'global',
  'cache',
  'config',
  'set',
  'prune',
  'remove',
  'audit',
  'fetch',
  'policies',
  'plugin',
  'workspaces',
  'dlx',
  'exec',
  'env',
  'store',
  'x',
  'link',
  'publish',
  'pack',
  'rebuild',
  'dedupe',
  'update',
  'upgrade',
]);

/** The script a manager command runs, from its words (`npm run build -w api` → build). */
export function scriptOfWords(words: readonly string[]): { manager: ScriptManager; script: string } | null {
  let w = words.slice();
  if ((w[0] === 'npx' || w[0] === 'corepack') && /^(npm|yarn|pnpm)$/.test(w[1] ?? '')) w = w.slice(1);
  const manager = basename(w[0] ?? '') as ScriptManager;
  if (!['npm', 'yarn', 'pnpm', 'bun'].includes(manager)) return null;
  const rest: string[] = [];
  for (let k = 1; k < w.length; k++) {
    const a = w[k];
    if (a.startsWith('-')) {
      if (!a.includes('=') && takesValue(manager, a)) k++;
      continue;
    }
    rest.push(a);
  }
  // yarn workspace <name> <script>; yarn workspaces foreach [-A] run <script>.
  if (manager === 'yarn' && rest[0] === 'workspace') rest.splice(0, 2);
  else if (manager === 'yarn' && rest[0] === 'workspaces' && /^(run|foreach)$/.test(rest[1] ?? ''))
    rest.splice(0, rest[1] === 'foreach' ? 2 : 1);
  const [sub, script] = rest;
  if (!sub) return null;
  if (sub === 'run' || sub === 'run-script') return script ? { manager, script } : null;
  if (sub === 'start' || sub === 'test') return { manager, script: sub };
  // npm runs only start/test (and run) as scripts; the others run any unknown subcommand as one.
  if (manager === 'npm' || manager === 'bun' || NOT_SCRIPTS.has(sub)) return null;
  return { manager, script: sub };
}

export function scriptOf(cmd: ShellCommand): { manager: ScriptManager; script: string } | null {
  return scriptOfWords([cmd.name, ...cmd.args]);
}

/** Build scripts by their usual names: build, build:prod, compile, bundle, dist. */
export function isBuildScript(script: string): boolean {
  return /^(build|compile|bundle|dist)([:_-].*)?$/.test(script);
}

/** `npm run build`, `pnpm -r build`, `yarn workspace web build`...: the command's text, else null. */
export function buildScriptOf(cmd: ShellCommand): string | null {
  const s = scriptOf(cmd);
  return s && isBuildScript(s.script) ? `${s.manager} run ${s.script}` : null;
}

/** Scripts by their usual development names (a watcher or dev server). */
const DEV_SCRIPT = /^(dev|develop|watch|serve|start[:_-](dev|watch)|dev[:_-].*)$/;

/** Scripts that build (not start, test or serve the app in development): the multi-stage build work. */
export function isBuildWork(cmd: ShellCommand): boolean {
  const s = scriptOf(cmd);
  return !!s && isBuildWorkScript(s.script);
}

/** A script name that builds (not start, test or a development server). */
export function isBuildWorkScript(script: string): boolean {
  return !/^(start|test)$/.test(script) && !DEV_SCRIPT.test(script);
}

/** Programs that are development tools when they start the app (each a devDependency). */
const DEV_PROGRAMS: Record<string, (positional: string[], all: string[]) => boolean> = {
  nodemon: () => true,
  'ts-node': () => true,
  'ts-node-dev': () => true,
  tsx: () => true,
  'webpack-dev-server': () => true,
  vite: (a) => a[0] !== 'build',
  next: (a) => a[0] === 'dev',
  nuxt: (a) => a[0] === 'dev',
  nuxi: (a) => a[0] === 'dev',
  ng: (a) => a[0] === 'serve' || a[0] === 's',
  webpack: (a) => a[0] === 'serve',
  'react-scripts': (a) => a[0] === 'start',
  'vue-cli-service': (a) => a[0] === 'serve',
  gatsby: (a) => a[0] === 'develop',
  nest: (a, all) => a[0] === 'start' && all.some((x) => x === '--watch' || x === '--debug'),
};

/**
 * The development tool a start command runs (`npm run dev`, `nodemon`, `npx vite`, `next dev`),
 * looking through `sh -c` and `&&` chains; null when it runs none.
 */
export function devToolOf(words: readonly string[] | null): string | null {
  if (!words?.length) return null;
  let w = words.slice();
  // An init or entrypoint script in front (tini, dumb-init, docker-entrypoint.sh) passes CMD on.
  while (w.length > 1 && (/^(tini|dumb-init|--)$|entrypoint/.test(basename(w[0])) || w[0].startsWith('-')))
    w = w.slice(1);
  if (/^(sh|bash|ash|dash)$/.test(basename(w[0])) && w[1] === '-c' && w.length === 3)
    w = w[2].trim().split(/\s+/);
  // Each command of a `a && b; c` chain.
  const chain: string[][] = [[]];
  for (const word of w) {
    if (/^(&&|\|\||;)$/.test(word)) chain.push([]);
    else chain[chain.length - 1].push(word.replace(/;$/, ''));
  }
  for (let cmd of chain) {
    if (cmd[0] === 'exec') cmd = cmd.slice(1);
    if (!cmd.length) continue;
    const s = scriptOfWords(cmd);
    if (s && DEV_SCRIPT.test(s.script)) return `${s.manager} run ${s.script}`;
    let prog = cmd;
    if (prog[0] === 'npx') {
      prog = prog.slice(1);
      while (prog[0]?.startsWith('-')) prog = prog.slice(1);
    } else if (/^(pnpm|yarn|bun)$/.test(prog[0]) && /^(exec|dlx)$/.test(prog[1] ?? '')) prog = prog.slice(2);
    const name = basename(prog[0] ?? '');
    const positional = prog.slice(1).filter((a) => !a.startsWith('-'));
    if (DEV_PROGRAMS[name]?.(positional, prog.slice(1))) return prog.slice(0, 2).join(' ');
  }
  return null;
}
