// Language-package and toolchain size lookups.
//  * npm: src/data/npm-sizes.json (scripts/data/build-npm-sizes.ts: installed trees measured after
//    npm installs of the latest versions).
//  * pip and toolchains: no PyPI or vendor-download index is reachable when the tables are built, so
//    the Debian package of the same software (its installed size with dependencies, from the
//    bundled Debian tables) stands in, with confidence 'low' and a basis that says so.
import type { Confidence } from '../types';
import { debianIndex } from './packages';
import npmRaw from '../../data/npm-sizes.json';

interface NpmDoc {
  asOf: string;
  packages: Record<string, [string, number, number, number]>;
  stacks: Record<string, { roots: string[]; bytes: number; packages: number }>;
}
const npm = npmRaw as unknown as NpmDoc;

export interface LangSize {
  /** Installed (unpacked) bytes. */
  bytes: number;
  /** Packages counted (the package and its dependency closure). */
  packages: number;
  confidence: Confidence;
  basis: string;
}

/** An npm package with its runtime dependency closure (latest versions), or null when not in the table. */
export function npmPackageSize(name: string): LangSize | null {
  const n = name.replace(/@[^@/]*$/, '').trim();
  const row = npm.packages[n];
  if (!row) return null;
  return {
    bytes: row[2],
    packages: row[3],
    confidence: 'medium',
    basis: `npm ${n}@${row[0]}: ${row[3]} package(s) with its dependencies, installed size measured on an npm install (${npm.asOf}).`,
  };
}

/** Names of the typical stacks with a precomputed node_modules size. */
export const NPM_STACKS: readonly string[] = Object.keys(npm.stacks);

/** Typical node_modules size of a common stack (e.g. 'express', 'next', 'nest'), or null. */
export function npmStackSize(stack: string): LangSize | null {
  const s = npm.stacks[stack];
  if (!s) return null;
  return {
    bytes: s.bytes,
    packages: s.packages,
    confidence: 'low',
    basis: `A typical ${stack} app (${s.roots.join(', ')}): ${s.packages} packages in node_modules, measured on an npm install (${npm.asOf}); devDependencies not counted.`,
  };
}

/**
 * Sum for a list of npm dependencies. Each root brings its own closure, so dependencies shared
 * between roots are counted more than once: an upper bound (npm would deduplicate them).
 */
export function npmDependenciesSize(names: string[]): { bytes: number; packages: number; unknown: string[] } {
  let bytes = 0;
  let packages = 0;
  const unknown: string[] = [];
  for (const n of names) {
    const s = npmPackageSize(n);
    if (!s) unknown.push(n);
    else {
      bytes += s.bytes;
      packages += s.packages;
    }
  }
  return { bytes, packages, unknown };
}

/** pip distribution name → Debian package providing the same module. */
const PIP_TO_DEBIAN: Record<string, string> = {
  numpy: 'python3-numpy',
  pandas: 'python3-pandas',
  scipy: 'python3-scipy',
  'scikit-learn': 'python3-sklearn',
  sklearn: 'python3-sklearn',
  matplotlib: 'python3-matplotlib',
  torch: 'python3-torch',
  pillow: 'python3-pil',
  django: 'python3-django',
  flask: 'python3-flask',
  fastapi: 'python3-fastapi',
  uvicorn: 'python3-uvicorn',
  gunicorn: 'python3-gunicorn',
  requests: 'python3-requests',
  sqlalchemy: 'python3-sqlalchemy',
  'psycopg2-binary': 'python3-psycopg2',
  psycopg2: 'python3-psycopg2',
  lxml: 'python3-lxml',
  pyyaml: 'python3-yaml',
  celery: 'python3-celery',
  redis: 'python3-redis',
  boto3: 'python3-boto3',
  cryptography: 'python3-cryptography',
  pydantic: 'python3-pydantic',
  jinja2: 'python3-jinja2',
  opencv: 'python3-opencv',
  'opencv-python': 'python3-opencv',
  'opencv-python-headless': 'python3-opencv',
  pytest: 'python3-pytest',
  aiohttp: 'python3-aiohttp',
  httpx: 'python3-httpx',
  beautifulsoup4: 'python3-bs4',
  'python-dotenv': 'python3-dotenv',
  transformers: 'python3-transformers',
};

/**
 * Wheels bundle their native libraries (e.g. numpy/scipy ship OpenBLAS, torch ships its kernels),
 * while Debian shares them; the Debian closure minus the Python interpreter is used as the proxy.
 */
export function pipPackageSize(name: string): LangSize | null {
  const key = name
    .toLowerCase()
    .replace(/\[[^[\]]*\]/, '')
    .replace(/[<>=!~;][\s\S]*$/, '')
    .trim();
  const deb = PIP_TO_DEBIAN[key] ?? `python3-${key.replace(/_/g, '-')}`;
  const ix = debianIndex('trixie');
  if (!ix.has(deb)) return null;
  const base = new Set(ix.closure(['python3'], { recommends: false, installed: null }).packages);
  const c = ix.closure([deb], { recommends: false, installed: base });
  return {
    bytes: c.installedBytes,
    packages: c.packages.length,
    confidence: 'low',
    basis: `pip ${key}: approximated by Debian trixie's ${deb} and its dependencies (${c.packages.length} packages); wheels often bundle native libraries and are larger.`,
  };
}

/** Toolchains/runtimes by name → Debian packages standing in for the vendor tarball once unpacked. */
const TOOLCHAINS: Record<string, (v: string | null) => string[]> = {
  go: (v) => [v ? `golang-${v}-go` : 'golang-go'],
  golang: (v) => [v ? `golang-${v}-go` : 'golang-go'],
  node: () => ['nodejs'],
  nodejs: () => ['nodejs'],
  npm: () => ['npm'],
  jdk: (v) => [v ? `openjdk-${v}-jdk-headless` : 'default-jdk-headless'],
  jre: (v) => [v ? `openjdk-${v}-jre-headless` : 'default-jre-headless'],
  java: (v) => [v ? `openjdk-${v}-jre-headless` : 'default-jre-headless'],
  rust: () => ['rustc', 'cargo'],
  python: () => ['python3'],
  maven: () => ['maven'],
  gradle: () => ['gradle'],
  ruby: () => ['ruby'],
  php: () => ['php-cli'],
};

/** Installed size of a toolchain/runtime (Go, Node, JDK/JRE, Rust...), or null when unknown. */
export function toolchainSize(name: string, version: string | null = null): LangSize | null {
  const make = TOOLCHAINS[name.toLowerCase()];
  if (!make) return null;
  const ix = debianIndex('trixie');
  let names = make(version);
  if (!names.every((n) => ix.has(n))) names = make(null);
  if (!names.every((n) => ix.has(n))) return null;
  const base = new Set(ix.requiredSet());
  const c = ix.closure(names, { recommends: false, installed: base });
  return {
    bytes: c.installedBytes,
    packages: c.packages.length,
    confidence: 'low',
    basis: `${name}${version ? ' ' + version : ''}: approximated by Debian trixie's ${names.join(' + ')} with dependencies (installed size); vendor tarballs differ somewhat.`,
  };
}
