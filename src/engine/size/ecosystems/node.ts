// Sizing Node.js: npm, yarn, pnpm and bun installs, `npm prune`, build scripts and tsc output.
import * as H from '../heuristics';
import type { Confidence } from '../../types';
import { resolvePath } from '../ledger';
import { formatBytes } from '../../primitives/bytes';
import { addNew, homeOf, liveItems, removalNote, removePaths } from '../context';
import { npmPackageSize } from '../packages-lang';
import type { Build, PackageInstall, RunScope } from '../commands/scope';
import { argValue, hasLive } from '../commands/scope';
import { listNames } from './os';
import { lookup } from './python';
import type { EcosystemSizing } from '../commands/scope';

export function nodeInstall(s: RunScope, e: PackageInstall): void {
  const names = e.packages.map((p) => p.name).filter((n) => n && !n.startsWith('-'));
  const named = names.length > 0 && !e.fromManifest;
  const production = e.productionOnly || s.st.env.NODE_ENV === 'production';
  const size = named ? namedPackagesSize(names) : manifestInstallSize(s, production);
  const global = e.global;
  const path = global
    ? e.manager === 'yarn'
      ? '/usr/local/share/.config/yarn/global/node_modules'
      : '/usr/local/lib/node_modules'
    : `${s.cwd === '/' ? '' : s.cwd}/node_modules`;
  // npm ci deletes node_modules before installing.
  const isCi = e.verb === 'ci' || e.verb === 'clean-install';
  const bytes = global ? size.bytes : overExisting(s, e, path, size.bytes, isCi, named);
  // Packages added by name land inside node_modules: they do not replace the project's install.
  const itemPath = named && !global ? `${path}/${names.length === 1 ? names[0] : '*'}` : path;
  if (bytes > 0)
    addNew(
      s.st,
      s.layer,
      'node_modules',
      itemPath,
      bytes,
      size.confidence,
      `${e.manager} ${isCi ? 'ci' : 'install'} installs ${size.what}${global ? ' globally' : ''}`,
    );
  addInstallCache(s, e, bytes, size.confidence, global || named);
}

interface InstallSize {
  bytes: number;
  confidence: Confidence;
  what: string;
}

/**
 * Packages named on the command line: the npm table (registry metadata: the package with its
 * dependency closure) first, then the typical sizes of well-known tools, then a generic size.
 */
function namedPackagesSize(names: string[]): InstallSize {
  let bytes = 0;
  let fromTable = 0;
  let known = 0;
  for (const raw of names) {
    const n = raw.replace(/(.)@[^@/]*$/, '$1');
    const t = lookup(() => npmPackageSize(n));
    if (t) {
      bytes += t.bytes;
      fromTable++;
    } else if (H.NPM_TYPICAL[n] !== undefined) {
      bytes += H.NPM_TYPICAL[n];
      known++;
    } else bytes += H.NPM_NAMED_PACKAGE_BYTES;
  }
  return {
    bytes,
    confidence: fromTable + known === names.length ? 'medium' : 'low',
    what: `${listNames(names, 0)} (≈ ${formatBytes(bytes)} with dependencies, ${fromTable === names.length ? "from the npm registry's package sizes" : 'typical'})`,
  };
}

/** An install from package.json, which the estimate cannot see: a typical service's node_modules. */
function manifestInstallSize(s: RunScope, production: boolean): InstallSize {
  const bytes = production ? H.NODE_MODULES_PROD : H.NODE_MODULES_DEV;
  s.ctx.assumptions.add(
    `Without a visible package.json, node_modules is sized as a typical service: about ${formatBytes(H.NODE_MODULES_PROD)} of production dependencies, ${formatBytes(H.NODE_MODULES_DEV)} with devDependencies.`,
  );
  return {
    bytes,
    confidence: 'low',
    what: production
      ? `production dependencies (≈ ${formatBytes(bytes)}: a typical service's node_modules, package.json is not visible)`
      : `all dependencies including devDependencies (≈ ${formatBytes(bytes)}: typical, ~2.5–3× the production set; package.json is not visible)`,
  };
}

/**
 * A local install where node_modules already exists: npm install rewrites only what changed (the
 * install's own item is then dropped: 0 is returned), npm ci removes it first. Returns the bytes
 * the install still adds.
 */
function overExisting(
  s: RunScope,
  e: PackageInstall,
  path: string,
  bytes: number,
  isCi: boolean,
  named: boolean,
): number {
  const existing = [...liveItems(s.st), ...s.layer.items].filter(
    (i) => i.kind === 'node_modules' && i.path === path,
  );
  if (existing.length && !isCi && !named) {
    const b = Math.round(bytes * 0.1);
    addNew(
      s.st,
      s.layer,
      'node_modules',
      path + '/*',
      b,
      'low',
      `${e.manager} install over the existing node_modules rewrites what changed (≈ ${formatBytes(b)}, 10% assumed)`,
    );
    return 0;
  }
  if (existing.length && isCi) {
    const r = removePaths(s.st, s.layer, [path]);
    const note = removalNote('the previous node_modules (npm ci starts from scratch)', r);
    if (note) s.layer.notes.push(note);
  }
  return bytes;
}

/** What the package manager's own cache keeps after the install, sized from the installed bytes. */
function addInstallCache(
  s: RunScope,
  e: PackageInstall,
  bytes: number,
  confidence: Confidence,
  resolves: boolean,
): void {
  const home = homeOf(s.st);
  const cacheBase = bytes || H.NODE_MODULES_PROD * 0.1;
  if (e.manager === 'npm') {
    // A second install finds most tarballs already cached: only its index grows.
    const again = hasLive(s, 'npm-cache');
    // Installs that resolve versions also cache the registry metadata (measured, see heuristics).
    const fraction = resolves ? H.NPM_CACHE_FRACTION_RESOLVED : H.NPM_CACHE_FRACTION;
    const b = Math.round(cacheBase * fraction * (again ? 0.05 : 1));
    addNew(
      s.st,
      s.layer,
      'npm-cache',
      `${home}/.npm`,
      b,
      confidence,
      again
        ? `npm's cache from the earlier install already holds these tarballs (≈ ${formatBytes(b)} of index added)`
        : `npm's cache in ~/.npm/_cacache keeps every downloaded tarball (≈ ${formatBytes(b)}) unless \`npm cache clean --force\` runs in the same RUN`,
    );
  } else if (e.manager === 'yarn') {
    const b = Math.round(cacheBase * H.YARN_CACHE_FRACTION);
    const dir = home === '/root' ? '/usr/local/share/.cache/yarn' : `${home}/.cache/yarn`;
    addNew(
      s.st,
      s.layer,
      'yarn-cache',
      dir,
      b,
      confidence,
      `yarn's cache keeps an unpacked copy of every package (≈ ${formatBytes(b)}) unless \`yarn cache clean\` runs in the same RUN`,
    );
  } else if (e.manager === 'pnpm' || e.manager === 'bun') {
    const b = Math.round(cacheBase * 0.1);
    const dir = e.manager === 'pnpm' ? `${home}/.local/share/pnpm/store` : `${home}/.bun/install/cache`;
    addNew(
      s.st,
      s.layer,
      'pnpm-store',
      dir,
      b,
      'low',
      `${e.manager}'s store is hard-linked into node_modules, so it adds only its index (≈ ${formatBytes(b)})`,
    );
  }
}

export function prune(s: RunScope): void {
  const nm = [...s.layer.items, ...liveItems(s.st)].filter((i) => i.kind === 'node_modules');
  for (const i of nm) {
    const target = Math.round(i.bytes * (H.NODE_MODULES_PROD / H.NODE_MODULES_DEV));
    const cut = i.bytes - target;
    if (cut <= 0) continue;
    if (s.layer.items.includes(i)) {
      const ratio = i.compressedBytes / i.bytes;
      i.bytes = target;
      i.compressedBytes = Math.round(target * ratio);
      s.layer.notes.push(
        `npm prune drops the devDependencies in the same RUN (≈ ${formatBytes(cut)} never reach the layer)`,
      );
    } else {
      i.deleted += cut;
      const l = s.st.layers.find((x) => x.items.includes(i));
      s.layer.notes.push(
        `npm prune here saves nothing: the devDependencies (≈ ${formatBytes(cut)}) stay in the layer of line ${l?.line ?? '?'} (layers are additive)`,
      );
    }
  }
}

const BUILD_SCRIPTS = /^(build|compile|bundle|dist|prod|production|build:.*|export|generate)$/;

export function npmScriptBuild(s: RunScope, e: Build, args: string[], out: string | null): void {
  const script = e.target ?? args.find((a) => !a.startsWith('-') && a !== 'run' && a !== 'run-script') ?? '';
  if (!BUILD_SCRIPTS.test(script)) return;
  return jsDist(s, `the "${script}" script`, H.JS_DIST, args);
}

export function tscBuild(s: RunScope, e: Build, args: string[], out: string | null): void {
  return jsDist(s, 'tsc', 2 * H.MB, args);
}

/** Flags with which a build script or a compiler names its output folder. */
const OUT_FLAGS = ['--outDir', '--outdir', '--out-dir', '--out'];
/** A build run in every workspace package (pnpm -r, npm --workspaces, yarn workspaces). */
const WORKSPACE_FLAGS = new Set(['-r', '--recursive', '--workspaces', '-ws', 'workspaces']);

function jsDist(s: RunScope, what: string, bytes: number, args: string[]): void {
  const base = s.cwd === '/' ? '' : s.cwd;
  const out = argValue(args, OUT_FLAGS);
  const [path, where, aliases] = out
    ? [resolvePath(s.cwd, out, homeOf(s.st)), out, []]
    : args.some((a) => WORKSPACE_FLAGS.has(a))
      ? [
          `${base}/packages/*/dist`,
          "each workspace package's dist/ (a workspace build; total for all packages)",
          [`${base}/apps/*/dist`, `${base}/packages/*/build`, `${base}/apps/*/build`, `${base}/dist`],
        ]
      : [
          `${base}/dist`,
          'dist/ or build/',
          [`${base}/build`, `${base}/out`, `${base}/.next`, `${base}/public/build`, `${base}/lib`],
        ];
  addNew(
    s.st,
    s.layer,
    'dist',
    path,
    bytes,
    'low',
    `${what} writes the bundle (≈ ${formatBytes(bytes)}, typical) to ${where}`,
    {
      aliases,
    },
  );
}

export const nodeSizing: EcosystemSizing = {
  install: (s, e) => nodeInstall(s, e),
  builds: { 'npm-script': npmScriptBuild, tsc: tscBuild },
};
