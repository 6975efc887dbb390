// pip caches from published wheel sizes: the uv.lock reader that picks pip's wheel and walks the
// closure (scripts/data/uv-lock.ts), the bundled table's provenance, and the size model's cache.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  chooseWheel,
  evalMarker,
  parseToml,
  pipClosure,
  readLock,
  wheelRank,
} from '../../../scripts/data/uv-lock';
import { SOURCES } from '../../../scripts/data/measure-pip-wheels';
import table from '../../../src/data/pip-wheels.json';
import { normalizePipName, pipWheelClosure } from '../../../src/engine/size/ecosystems/pip-wheels';
import { estimate, layerAt, ready } from './helpers';

beforeAll(ready);

const SOURCE = '{ registry = "https://example.invalid/simple" }';
/** One `[[package]]` of a uv.lock with its wheels (file name, size) after any other fields. */
const pkg = (name: string, version: string, fields: string, wheels: [string, number][]) =>
  [
    `[[package]]\nname = "${name}"\nversion = "${version}"\nsource = ${SOURCE}\n${fields}wheels = [`,
    ...wheels.map(
      ([f, n]) => `    { url = "https://example.invalid/p/${f}", hash = "sha256:00", size = ${n} },`,
    ),
    ']\n',
  ].join('\n');

// A small lock in uv's layout: a root with a Windows-only dependency and an extra, a package
// locked twice for different Pythons, a shared dependency and one with only a CPython 3.13 wheel.
const LOCK = [
  'version = 1\nrequires-python = ">=3.9"\n',
  pkg(
    'web',
    '1.0',
    `dependencies = [
    { name = "colorama", marker = "sys_platform == 'win32'" },
    { name = "core" },
    { name = "numlib", version = "2.0", source = ${SOURCE}, marker = "python_full_version >= '3.11'" },
    { name = "numlib", version = "1.0", source = ${SOURCE}, marker = "python_full_version < '3.11'" },
]
`,
    [['web-1.0-py3-none-any.whl', 1000]],
  ),
  '[package.optional-dependencies]\nspeed = [\n    { name = "fastlib", extra = ["native"] },\n]\n',
  pkg('colorama', '0.4', '', [['colorama-0.4-py2.py3-none-any.whl', 50]]),
  pkg('core', '3.0', '', [['core-3.0-py3-none-any.whl', 200]]),
  pkg('numlib', '1.0', `resolution-markers = [\n    "python_full_version < '3.11'",\n]\n`, [
    ['numlib-1.0-cp310-cp310-manylinux_2_17_x86_64.manylinux2014_x86_64.whl', 9000],
  ]),
  pkg(
    'numlib',
    '2.0',
    `resolution-markers = [
    "python_full_version >= '3.13'",
    "python_full_version == '3.12.*'",
    "python_full_version == '3.11.*'",
]
dependencies = [
    { name = "core" },
]
`,
    [
      ['numlib-2.0-cp312-cp312-macosx_11_0_arm64.whl', 7000],
      ['numlib-2.0-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl', 8000],
      ['numlib-2.0-cp312-cp312-musllinux_1_2_x86_64.whl', 8500],
      ['numlib-2.0-cp312-cp312-win_amd64.whl', 6000],
    ],
  ),
  pkg('fastlib', '0.1', '', [['fastlib-0.1-cp313-cp313-manylinux_2_17_x86_64.whl', 300]]),
  '[package.optional-dependencies]\nnative = [\n    { name = "core" },\n]\n',
].join('\n');

describe('uv.lock reader', () => {
  it('reads tables, arrays of tables, inline tables and the optional dependencies of the last package', () => {
    const doc = parseToml(
      'a = 1\n[[p]]\nname = "x"\nd = [{ n = "y", e = ["z"] }]\n[p.o]\nk = ["v"]\n[[p]]\nname = "w"\n',
    );
    expect(doc).toEqual({
      a: 1,
      p: [{ name: 'x', d: [{ n: 'y', e: ['z'] }], o: { k: ['v'] } }, { name: 'w' }],
    });
  });

  it('evaluates markers for CPython 3.12 on linux x86_64', () => {
    expect(evalMarker("python_full_version >= '3.11'")).toBe(true);
    expect(evalMarker("python_full_version < '3.10'")).toBe(false);
    expect(evalMarker("python_full_version == '3.12.*'")).toBe(true);
    expect(evalMarker("python_full_version == '3.13.*'")).toBe(false);
    expect(
      evalMarker("sys_platform == 'win32' or (platform_machine == 'x86_64' and sys_platform == 'linux')"),
    ).toBe(true);
    expect(evalMarker("sys_platform == 'win32' and python_version >= '3.8'")).toBe(false);
    expect(evalMarker("python_version < '3.10'")).toBe(false); // 3.12 > 3.10 as versions, not strings
    expect(evalMarker("extra == 'dev'")).toBe(false);
  });

  it("ranks wheels as pip does: the interpreter's own ABI first, then abi3, then pure Python; only runnable platforms", () => {
    const own = wheelRank('a-1-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl')!;
    const abi3 = wheelRank('a-1-cp39-abi3-manylinux_2_28_x86_64.whl')!;
    const pure = wheelRank('a-1-py3-none-any.whl')!;
    expect(own).toBeLessThan(abi3);
    expect(abi3).toBeLessThan(pure);
    expect(wheelRank('a-1-cp312-cp312-manylinux_2_28_x86_64.whl')!).toBeLessThan(own); // newer glibc first
    expect(wheelRank('a-1-cp312-cp312-musllinux_1_2_x86_64.whl')).toBeNull();
    expect(wheelRank('a-1-cp312-cp312-manylinux_2_17_aarch64.whl')).toBeNull();
    expect(wheelRank('a-1-cp313-cp313-manylinux_2_17_x86_64.whl')).toBeNull();
    expect(wheelRank('a-1-cp312-cp312-manylinux_2_99_x86_64.whl')).toBeNull(); // newer glibc than the image
    expect(wheelRank('a-1-cp313-abi3-manylinux_2_17_x86_64.whl')).toBeNull(); // abi3 from a newer CPython
  });

  it('picks the manylinux x86_64 wheel among macOS, musl and Windows builds', () => {
    const numlib = readLock(LOCK).find((p) => p.name === 'numlib' && p.version === '2.0')!;
    expect(chooseWheel(numlib)).toEqual({
      file: 'numlib-2.0-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl',
      size: 8000,
    });
  });

  it("walks the closure for this target: markers, the Python's own version of a package, shared dependencies once", () => {
    const c = pipClosure(readLock(LOCK), ['web']);
    expect(c.packages.map((p) => `${p.name}==${p.version}`)).toEqual([
      'core==3.0',
      'numlib==2.0',
      'web==1.0',
    ]);
    expect(c.wheelBytes).toBe(1000 + 200 + 8000);
    expect(c.unsized).toEqual([]);
  });

  it('follows extras, and reports a package with no wheel for CPython 3.12 as unsized', () => {
    const c = pipClosure(readLock(LOCK), ['web[speed]']);
    expect(c.packages.map((p) => p.name)).toEqual(['core', 'fastlib', 'numlib', 'web']);
    expect(c.unsized).toEqual(['fastlib']);
    expect(() => pipClosure(readLock(LOCK), ['absent'])).toThrow(/not in the lock/);
  });
});

describe('pip-wheels.json', () => {
  const rows = Object.entries(table.packages) as unknown as [string, [string, number, string[], number]][];

  it('names its source for every row: a public repository at a commit and the lock file', () => {
    expect(table.sources).toEqual(SOURCES);
    for (const s of table.sources) expect(s).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}:\S*uv\.lock$/);
    for (const [name, [version, bytes, , source]] of rows) {
      expect(table.sources[source], name).toBeDefined();
      expect(version, name).toMatch(/^\d/);
      expect(bytes, name).toBeGreaterThan(0);
    }
  });

  it('holds whole closures under normalized names, and stays small enough for the worker', () => {
    for (const [name, [, , deps]] of rows) {
      expect(normalizePipName(name)).toBe(name);
      for (const d of deps) expect(table.packages, `${name} -> ${d}`).toHaveProperty(normalizePipName(d));
    }
    expect(JSON.stringify(table).length).toBeLessThan(30_000);
  });
});

describe("pip's cache in the size model", () => {
  const cacheOf = (run: string) =>
    layerAt(estimate(`FROM python:3.12-slim\nRUN ${run}\n`), 2).items?.find((i) => i.kind === 'pip-cache')
      ?.uncompressedBytes ?? 0;
  const row = (n: string) =>
    (table.packages as unknown as Record<string, [string, number, string[], number]>)[n];

  it("is the sum of the closure's published wheels, each counted once", () => {
    expect(cacheOf('pip install flask')).toBe(pipWheelClosure(['flask']).bytes);
    expect(pipWheelClosure(['flask']).bytes).toBeGreaterThan(row('flask')[1]);
    // numpy is in pandas' closure: naming it too downloads nothing more.
    expect(cacheOf('pip install numpy pandas')).toBe(cacheOf('pip install pandas'));
    expect(cacheOf('pip install Scikit_Learn')).toBeGreaterThan(row('numpy')[1] + row('scipy')[1]);
  });

  it('keeps a share of the estimated site-packages for names outside the table, and none with --no-cache-dir', () => {
    const known = cacheOf('pip install flask');
    const both = cacheOf('pip install flask not-a-listed-package');
    expect(both).toBeGreaterThan(known);
    expect(cacheOf('pip install --no-cache-dir flask')).toBe(0);
  });
});
