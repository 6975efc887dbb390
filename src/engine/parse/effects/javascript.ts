// JavaScript: npm, yarn (classic and berry), pnpm, bun, and tsc / npx builds.
import type { Effect, PackageSpec } from '../../model';
import {
  build,
  cacheClean,
  envFlag,
  has,
  install,
  parseArgs,
  remove,
  toolRun,
  value,
  withToolRun,
} from './args';
import { scriptOfWords } from '../../ecosystems/node-scripts';
import type { DetectContext, Detector, Invocation } from './args';

/** `name@version`, `@scope/name@version`. */
export function npmSpec(raw: string): PackageSpec {
  const at = raw.indexOf('@', raw.startsWith('@') ? 1 : 0);
  if (at <= 0) return { name: raw, version: null, raw };
  return { name: raw.slice(0, at), version: raw.slice(at + 1) || null, raw };
}

const BUILD_SCRIPT = /(^|[:-])(build|compile|bundle|dist|generate|package|prod|production|release)([:-]|$)/;

function productionEnv(inv: Invocation, ctx: DetectContext): boolean {
  return envFlag(inv, ctx, 'NODE_ENV') === 'production';
}

const NPM_VALUED = new Set([
  '--omit',
  '--include',
  '--only',
  '--prefix',
  '-C',
  '--cache',
  '--registry',
  '--workspace',
  '-w',
  '--loglevel',
]);

/** `yarn --version`, `pnpm -v`, `npm --help`: the tool prints something and installs nothing. */
function asksOnly(args: string[]): boolean {
  return (
    args.length > 0 &&
    args.every((a) => a.startsWith('-')) &&
    args.some((a) => /^(--version|-v|--help|-h)$/.test(a))
  );
}

export const npm: Detector = (inv, ctx) => {
  if (asksOnly(inv.args)) return [];
  const p = parseArgs(inv.args, NPM_VALUED, 'Cw');
  const [sub, ...rest] = p.positionals;
  const omit = [...inv.args.keys()].flatMap((i) => {
    const a = inv.args[i];
    if (a.startsWith('--omit=')) return [a.slice(7)];
    if (a === '--omit' && inv.args[i + 1]) return [inv.args[i + 1]];
    return [];
  });
  const productionOnly =
    omit.includes('dev') ||
    has(p, '--production', '--prod') ||
    /^prod(uction)?$/.test(value(p, '--only') ?? '') ||
    productionEnv(inv, ctx);
  switch (sub) {
    case 'install':
    case 'i':
    case 'add':
    case 'isntall':
    case 'in':
    case 'ci':
    case 'clean-install': {
      const packages = rest.map(npmSpec);
      const ci = sub === 'ci' || sub === 'clean-install';
      return [
        install(inv, {
          manager: 'npm',
          verb: sub,
          packages,
          fromManifest: packages.length > 0 ? null : ci ? 'package-lock.json' : 'package.json',
          productionOnly,
          global: has(p, '-g', '--global'),
          flags: p.flags,
        }),
      ];
    }
    case 'uninstall':
    case 'remove':
    case 'rm':
    case 'un':
      return [remove(inv, 'npm', rest.map(npmSpec))];
    case 'prune':
      return [remove(inv, 'npm', rest.map(npmSpec), { autoremove: true })];
    case 'cache':
      if (rest[0] === 'clean' || rest[0] === 'clear' || rest[0] === 'rm')
        return [cacheClean(inv, 'npm', ['/root/.npm/_cacache'])];
      return [];
    case 'run':
    case 'run-script':
      return rest[0] && BUILD_SCRIPT.test(rest[0]) ? [build(inv, 'npm-script', rest[0], null)] : [];
    default:
      return [];
  }
};

const YARN_COMMANDS = new Set([
  'install',
  'add',
  'remove',
  'upgrade',
  'global',
  'cache',
  'run',
  'workspaces',
  'workspace',
  'config',
  'set',
  'info',
  'init',
  'link',
  'unlink',
  'list',
  'outdated',
  'pack',
  'publish',
  'why',
  'dlx',
  'exec',
  'node',
  'bin',
  'audit',
  'autoclean',
  'check',
  'import',
  'licenses',
  'login',
  'logout',
  'owner',
  'policies',
  'tag',
  'team',
  'version',
  'versions',
  'plugin',
  'constraints',
  'dedupe',
  'npm',
  'rebuild',
  'up',
  'patch',
]);

export const yarn: Detector = (inv, ctx) => {
  if (asksOnly(inv.args)) return [];
  const p = parseArgs(
    inv.args,
    new Set(['--cwd', '--cache-folder', '--modules-folder', '--network-timeout']),
    '',
  );
  const [sub = 'install', ...rest] = p.positionals;
  const productionOnly = has(p, '--production', '--prod') || productionEnv(inv, ctx);
  switch (sub) {
    case 'install':
      return [
        install(inv, {
          manager: 'yarn',
          verb: sub,
          fromManifest: has(p, '--frozen-lockfile', '--immutable', '--pure-lockfile')
            ? 'yarn.lock'
            : 'package.json',
          productionOnly,
          flags: p.flags,
        }),
      ];
    case 'add':
      return [
        install(inv, {
          manager: 'yarn',
          verb: sub,
          packages: rest.map(npmSpec),
          productionOnly,
          flags: p.flags,
        }),
      ];
    case 'global':
      if (rest[0] === 'add')
        return [
          install(inv, {
            manager: 'yarn',
            verb: sub,
            packages: rest.slice(1).map(npmSpec),
            global: true,
            flags: p.flags,
          }),
        ];
      return [];
    case 'workspaces': {
      if (rest[0] === 'focus') {
        return [
          install(inv, {
            manager: 'yarn',
            verb: sub,
            fromManifest: 'yarn.lock',
            productionOnly: has(p, '--production'),
            flags: p.flags,
          }),
        ];
      }
      // `yarn workspaces run build` (v1), `yarn workspaces foreach -A run build` (v2+).
      const script = rest.includes('run') ? rest[rest.indexOf('run') + 1] : undefined;
      if (script && BUILD_SCRIPT.test(script)) return [build(inv, 'npm-script', script, null)];
      return [];
    }
    case 'remove':
      return [remove(inv, 'yarn', rest.map(npmSpec))];
    case 'cache':
      if (rest[0] === 'clean') return [cacheClean(inv, 'yarn', ['/usr/local/share/.cache/yarn'])];
      return [];
    case 'autoclean':
      return [];
    case 'run':
      return rest[0] && BUILD_SCRIPT.test(rest[0]) ? [build(inv, 'npm-script', rest[0], null)] : [];
    default:
      // `yarn build`: a package.json script.
      if (!YARN_COMMANDS.has(sub) && BUILD_SCRIPT.test(sub)) return [build(inv, 'npm-script', sub, null)];
      return [];
  }
};

function pnpmAdd(inv: Invocation, p: ReturnType<typeof parseArgs>, names: string[]): Effect[] {
  return [
    install(inv, {
      manager: 'pnpm',
      verb: 'add',
      packages: names.map(npmSpec),
      global: has(p, '-g', '--global'),
      flags: p.flags,
    }),
  ];
}

export const pnpm: Detector = (inv, ctx) => {
  if (asksOnly(inv.args)) return [];
  const p = parseArgs(inv.args, new Set(['--filter', '-F', '--dir', '-C', '--store-dir']), 'FC');
  const [sub = 'install', ...rest] = p.positionals;
  const productionOnly = has(p, '--prod', '-P', '--production') || productionEnv(inv, ctx);
  switch (sub) {
    case 'install':
    case 'i':
      // `pnpm install <names>` is pnpm's `add`: those packages, global with -g.
      if (rest.length) return pnpmAdd(inv, p, rest);
      return [
        install(inv, {
          manager: 'pnpm',
          verb: sub,
          fromManifest: has(p, '--frozen-lockfile', '--offline') ? 'pnpm-lock.yaml' : 'package.json',
          productionOnly,
          flags: p.flags,
        }),
      ];
    case 'fetch':
      return [
        install(inv, {
          manager: 'pnpm',
          verb: sub,
          fromManifest: 'pnpm-lock.yaml',
          productionOnly,
          flags: p.flags,
        }),
      ];
    case 'add':
      return pnpmAdd(inv, p, rest);
    case 'remove':
    case 'rm':
    case 'uninstall':
      return [remove(inv, 'pnpm', rest.map(npmSpec))];
    case 'prune':
      return [remove(inv, 'pnpm', [], { autoremove: true })];
    case 'store':
      if (rest[0] === 'prune') return [cacheClean(inv, 'pnpm', ['/root/.local/share/pnpm/store'])];
      return [];
    case 'run':
      return rest[0] && BUILD_SCRIPT.test(rest[0]) ? [build(inv, 'npm-script', rest[0], null)] : [];
    default:
      if (BUILD_SCRIPT.test(sub)) return [build(inv, 'npm-script', sub, null)];
      return [];
  }
};

export const bun: Detector = (inv, ctx) => {
  const p = parseArgs(inv.args, new Set(['--outdir', '--outfile', '--target']), '');
  const [sub, ...rest] = p.positionals;
  const productionOnly = has(p, '--production', '-p') || productionEnv(inv, ctx);
  switch (sub) {
    case 'install':
    case 'i':
      return [
        install(inv, {
          manager: 'bun',
          verb: sub,
          fromManifest: has(p, '--frozen-lockfile') ? 'bun.lockb' : 'package.json',
          productionOnly,
          global: has(p, '-g', '--global'),
          flags: p.flags,
        }),
      ];
    case 'add':
      return [
        install(inv, {
          manager: 'bun',
          verb: sub,
          packages: rest.map(npmSpec),
          global: has(p, '-g', '--global'),
          flags: p.flags,
        }),
      ];
    case 'remove':
    case 'rm':
      return [remove(inv, 'bun', rest.map(npmSpec))];
    case 'build':
      return [build(inv, 'bun', rest[0] ?? null, value(p, '--outdir', '--outfile'))];
    case 'run':
      return rest[0] && BUILD_SCRIPT.test(rest[0]) ? [build(inv, 'npm-script', rest[0], null)] : [];
    case 'pm':
      if (rest[0] === 'cache' && rest[1] === 'rm')
        return [cacheClean(inv, 'bun', ['/root/.bun/install/cache'])];
      return [];
    default:
      return [];
  }
};

export const tsc: Detector = (inv) => {
  const p = parseArgs(inv.args, new Set(['--outDir', '--project', '-p', '--outFile']), 'p');
  if (has(p, '--noEmit', '--version', '-v', '--help')) return [];
  return [build(inv, 'tsc', value(p, '--project', '-p'), value(p, '--outDir', '--outFile'))];
};

/** The package.json script a manager command runs (`npm run build`, `yarn build`), as an effect. */
function packageScript(inv: Invocation): Effect[] {
  const s = scriptOfWords([inv.name, ...inv.args]);
  if (!s) return [];
  const at = inv.args.indexOf(s.script);
  return [
    {
      kind: 'package-script',
      manager: s.manager,
      script: s.script,
      args: at >= 0 ? inv.args.slice(at + 1) : [],
      command: inv.command,
    },
  ];
}

/** A package manager: its installs and builds, the script it runs, and the tool-run. */
function manager(detector: Detector): Detector {
  return (inv, ctx) => [...detector(inv, ctx), ...packageScript(inv), toolRun(inv, 'node')];
}

const MANAGERS: Record<string, Detector> = {
  npm: manager(npm),
  yarn: manager(yarn),
  pnpm: manager(pnpm),
  bun: manager(bun),
};

/** `npx pnpm install`, `corepack yarn build`: the manager's own effects. */
function throughManager(inv: Invocation, ctx: DetectContext, args: string[]): Effect[] | null {
  const [tool, ...rest] = args;
  if (tool !== 'npm' && tool !== 'yarn' && tool !== 'pnpm') return null;
  return MANAGERS[tool]({ ...inv, name: tool, args: rest }, ctx);
}

/** npx / pnpx / bunx: `npx tsc`, `npx vite build`, `npx next build`, `npx pnpm install`. */
export const npx: Detector = (inv, ctx) => {
  const args = inv.args.filter((a) => a !== '-y' && a !== '--yes' && a !== '--no-install');
  const managed = throughManager(inv, ctx, args);
  if (managed) return managed;
  const [tool, ...rest] = args;
  if (!tool) return [];
  const name = npmSpec(tool).name;
  const ran = toolRun(inv, 'node', name, rest, true);
  if (name === 'tsc' || name === 'typescript') return [...tsc({ ...inv, name: 'tsc', args: rest }, ctx), ran];
  if (rest[0] === 'build') return [build(inv, name, 'build', null), ran];
  return [ran];
};

/** corepack: `corepack enable` sets up the managers' shims; `corepack pnpm install` runs one. */
const corepack: Detector = (inv, ctx) => throughManager(inv, ctx, inv.args) ?? [toolRun(inv, 'node')];

/** Node.js itself and CLIs from node_modules run by name: what they do is the project's own. */
const NODE_PROGRAMS = ['node', 'next', 'vite', 'ng', 'nest', 'webpack', 'esbuild', 'rollup'];

export const JS_DETECTORS: Record<string, Detector> = {
  ...MANAGERS,
  yarnpkg: MANAGERS.yarn,
  tsc: withToolRun('node', tsc),
  npx,
  pnpx: npx,
  bunx: npx,
  corepack,
  ...Object.fromEntries(NODE_PROGRAMS.map((n) => [n, (inv: Invocation) => [toolRun(inv, 'node')]])),
};

export type { Effect };
