// pip caches from published wheel sizes. PyPI is not reachable from these machines, but a uv.lock
// records, for every wheel of every locked package, its published size next to its hash. This
// script reads uv.lock files of public repositories (named below by repo@commit:path), resolves
// what `pip install <names>` downloads on linux/amd64 with CPython 3.12 (scripts/data/uv-lock.ts:
// the lock's dependency closure, the wheel pip would pick) and writes:
//   * the `pipCache` cases of scripts/data/savings-truth.json: the sum of those wheels, which is
//     what pip's cache keeps (its HTTP cache holds each downloaded wheel once);
//   * src/data/pip-wheels.json: the wheel size and runtime dependencies of the common packages
//     and their closures, which the size model sums for the cache a `pip install` leaves;
//   * the pip-wheels section of src/data/PROVENANCE.md.
// The lock files are read from git snapshots (`fetch` of the tool library puts them under
// /work/.mirror/<owner>+<name>/repo; --mirrors=DIR to change) or from a scratch folder holding
// <owner>+<name>/<commit>/<path> (--locks=DIR). Nothing of those projects is committed.
// Usage: npx tsx scripts/data/measure-pip-wheels.ts [--mirrors=DIR] [--locks=DIR]
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type LockPackage, findPackage, pipClosure, readLock, evalMarker } from './uv-lock';
import { writeProvenanceSection } from './provenance';
import { pipPackageSize } from '../../src/engine/size/packages-lang';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Lock files read, in the order the table takes a package from (the first that has it). */
export const SOURCES = [
  'madou9/ml-ops-part-1@745a1be99b181467536b42f2ef6b148e43242c6c:uv.lock',
  'bubaley/production-django-docker-example@a55757d1d088ebc8ecde01384772392d681b8d48:uv.lock',
  'IrshuKT/django@bc665c38599d9e406326a2cd411d04b1607ab3db:uv.lock',
  'gdamjan/uv-aws-lambda@8d3f50769cee15e06a8c9ad549948535c44e3b2d:uv.lock',
  'fastapi/full-stack-fastapi-template@9ec63eae4a2334fff18f9afdb5e07f446b3d1476:uv.lock',
  'IsaacCheng9/quant-trading-strategy-backtester@b002294949bd0448d070ab1cf4438eec45fef280:uv.lock',
  'IronKnee22/flask-auticka@29dd4adaed0e63a9898f88b988e3dc42ad0a9559:uv.lock',
  'Isaac-Pruett/all_the_recf_data@b40fe3a8ac8a1ca8dd95afd154334f0de7e987d3:uv.lock',
];

/**
 * The packages the bundled table covers (with their closures): what Dockerfiles commonly
 * `pip install`, as far as the locks above hold them. Names outside it keep the model's typical size.
 */
const TABLE_ROOTS = [
  'numpy',
  'pandas',
  'scipy',
  'scikit-learn',
  'matplotlib',
  'pillow',
  'requests',
  'flask',
  'django',
  'gunicorn',
  'psycopg2-binary',
  'sqlalchemy',
  'fastapi',
  'uvicorn',
  'boto3',
  'celery',
  'pydantic',
  'pyyaml',
  'lxml',
  'jinja2',
  'beautifulsoup4',
  'pyarrow',
  'xgboost',
  'seaborn',
  'psutil',
  'pytest',
  'setuptools',
  'python-dotenv',
  'tornado',
  'websockets',
  'rich',
  'pyjwt',
  'bcrypt',
  'protobuf',
  'gitpython',
];

/**
 * Benchmark cases: `pip install <names>` and the lock that sizes it. Where it can, a case reads a
 * different lock (other versions) than the table's row; the cases whose names are outside the
 * table check the fallback for unknown packages.
 */
const CASES: { install: string[]; source: number }[] = [
  { install: ['flask'], source: 6 },
  { install: ['django', 'gunicorn', 'psycopg2-binary', 'pillow'], source: 2 },
  { install: ['fastapi', 'uvicorn'], source: 4 },
  { install: ['numpy', 'pandas'], source: 7 },
  { install: ['scikit-learn'], source: 0 },
  { install: ['boto3'], source: 3 },
  { install: ['requests'], source: 1 },
  { install: ['django', 'celery', 'gunicorn', 'requests'], source: 1 },
  { install: ['sqlalchemy'], source: 4 },
  { install: ['matplotlib'], source: 0 },
  { install: ['pandas', 'pillow', 'sqlalchemy'], source: 5 },
  { install: ['streamlit'], source: 5 },
  { install: ['polars'], source: 5 },
  { install: ['plotly'], source: 5 },
  { install: ['sentry-sdk'], source: 1 },
  { install: ['alembic'], source: 4 },
  { install: ['httpx'], source: 4 },
  { install: ['redis'], source: 1 },
];

function arg(name: string): string | null {
  const a = process.argv.find((x) => x.startsWith(`--${name}=`));
  return a ? a.slice(name.length + 3) : null;
}

function readSource(spec: string): LockPackage[] {
  const [, repo, commit, path] = /^([^@]+)@([0-9a-f]{40}):(.+)$/.exec(spec)!;
  const slug = repo.replace('/', '+');
  const locks = arg('locks');
  const file = locks && join(locks, slug, commit, path);
  if (file && existsSync(file)) return readLock(readFileSync(file, 'utf8'));
  const gitDir = join(arg('mirrors') ?? '/work/.mirror', slug, 'repo');
  return readLock(
    execFileSync('git', ['--git-dir', gitDir, 'show', `${commit}:${path}`], {
      maxBuffer: 1 << 28,
    }).toString(),
  );
}

/** A package's own runtime dependencies on the target (no extras), as names. */
function runtimeDeps(p: LockPackage): string[] {
  const names = p.dependencies.filter((d) => !d.marker || evalMarker(d.marker)).map((d) => d.name);
  return [...new Set(names)].sort();
}

type Row = [version: string, wheelBytes: number, dependencies: string[], source: number];

function buildTable(locks: LockPackage[][]): Record<string, Row> {
  const rows: Record<string, Row> = {};
  for (const root of TABLE_ROOTS) {
    const s = locks.findIndex((l) => findPackage(l, root) && pipClosure(l, [root]).unsized.length === 0);
    if (s < 0) throw new Error(`no lock sizes ${root}`);
    for (const c of pipClosure(locks[s], [root]).packages) {
      if (rows[c.name]) continue;
      rows[c.name] = [c.version, c.size, runtimeDeps(findPackage(locks[s], c.name, c.version)!), s];
    }
  }
  return Object.fromEntries(Object.entries(rows).sort(([a], [b]) => a.localeCompare(b)));
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** The closure's wheel bytes of each table root, and its ratio to the root's Debian stand-in. */
function fallback(locks: LockPackage[][], packages: Record<string, Row>) {
  const closures = TABLE_ROOTS.map((root) => pipClosure(locks[packages[root][3]], [root]).wheelBytes);
  const ratios = TABLE_ROOTS.flatMap((root, i) => {
    const proxy = pipPackageSize(root);
    return proxy ? [closures[i] / proxy.bytes] : [];
  });
  return {
    about: `names outside the table: wheels = Debian stand-in's installed closure × debianProxyRatio (median over ${ratios.length} table roots with a stand-in), else unknownClosureBytes (median closure of the ${TABLE_ROOTS.length} table roots)`,
    debianProxyRatio: Math.round(median(ratios) * 1000) / 1000,
    unknownClosureBytes: Math.round(median(closures)),
  };
}

function main(): void {
  const locks = SOURCES.map(readSource);
  const asOf = new Date().toISOString().slice(0, 10);
  const packages = buildTable(locks);
  const table = {
    format: 1,
    asOf,
    target: 'CPython 3.12 on linux x86_64 (manylinux, glibc ≤ 2.41): the wheel pip picks',
    source:
      'published wheel sizes (bytes) of PyPI packages, as recorded in uv.lock files of public repositories; each row names its lock by index into sources',
    sources: SOURCES,
    layout: { packages: '[version, wheelBytes, runtimeDependencies, sourceIndex]' },
    fallback: fallback(locks, packages),
    packages,
  };
  writeFileSync(join(ROOT, 'src/data/pip-wheels.json'), JSON.stringify(table) + '\n');

  const truthPath = join(ROOT, 'scripts/data/savings-truth.json');
  const truth = JSON.parse(readFileSync(truthPath, 'utf8')) as Record<string, unknown>;
  truth.pipCache = {
    source: `scripts/data/measure-pip-wheels.ts, ${asOf}: sum of the published wheel sizes pip downloads (CPython 3.12, linux x86_64) for the lock's closure`,
    cases: Object.fromEntries(
      CASES.map(({ install, source }) => {
        const c = pipClosure(locks[source], install);
        if (c.unsized.length) throw new Error(`${install.join(' ')}: no wheel for ${c.unsized.join(', ')}`);
        return [
          install.join(' '),
          {
            wheelBytes: c.wheelBytes,
            packages: c.packages.map((p) => `${p.name}==${p.version}`),
            source: SOURCES[source],
          },
        ];
      }),
    ),
  };
  writeFileSync(truthPath, JSON.stringify(truth, null, 1) + '\n');
  writeProvenanceSection('pip-wheels', provenance(Object.keys(packages).length, asOf, table.fallback));
  const bytes = readFileSync(join(ROOT, 'src/data/pip-wheels.json')).length;
  console.log(
    `pip-wheels.json: ${Object.keys(packages).length} packages, ${bytes} bytes; ${CASES.length} cases`,
  );
}

function provenance(
  rows: number,
  asOf: string,
  fb: { debianProxyRatio: number; unknownClosureBytes: number },
): string {
  return [
    '## pip wheels (`pip-wheels.json`)',
    '',
    `Written by \`scripts/data/measure-pip-wheels.ts\` (${asOf}): ${rows} packages, the closures of ${TABLE_ROOTS.length}`,
    'commonly installed ones. Each row is the wheel pip downloads for CPython 3.12 on linux x86_64',
    "(its published size in bytes, as the lock records it next to the wheel's hash) and the",
    "package's runtime dependencies there (markers evaluated, no extras). PyPI itself is not",
    'reachable from the machines that build this table; the sizes come from these uv.lock files:',
    '',
    ...SOURCES.map((s, i) => `${i}. \`${s}\``),
    '',
    "The size model sums the wheels of a `pip install`'s closure for the cache pip keeps",
    '(`~/.cache/pip`); the same script writes the `pipCache` cases of `scripts/data/savings-truth.json`.',
    '',
    `For a name outside the table (\`fallback\`): its Debian stand-in's installed closure × ${fb.debianProxyRatio}`,
    "(the median, over the table's roots with a stand-in, of their wheel closure over their stand-in's",
    `installed closure), else ${(fb.unknownClosureBytes / 1e6).toFixed(1)} MB (the median wheel closure of the table's roots).`,
    'Both are measured on the table, not on the benchmark cases.',
  ].join('\n');
}

// Runs when invoked as a script; tests import SOURCES without reading any lock.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
