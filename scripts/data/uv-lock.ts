// Reads a uv.lock (uv's TOML lockfile) and answers what `pip install <names>` would download on
// linux/amd64 with CPython 3.12: the dependency closure the lock resolved, and for each package
// the wheel pip would pick among those the lock lists with their published sizes.
// Used by scripts/data/measure-pip-wheels.ts; pure functions, so tests/unit/size can check them.

/** A TOML value as far as uv.lock uses them. */
type Toml = string | number | boolean | Toml[] | { [key: string]: Toml };
type Table = { [key: string]: Toml };

/** A minimal TOML reader for uv.lock: tables, arrays of tables, strings, numbers, arrays, inline tables. */
export function parseToml(text: string): Table {
  const root: Table = {};
  let current = root;
  let i = 0;
  const skip = () => {
    for (;;) {
      while (i < text.length && /[ \t\r\n,]/.test(text[i])) i++;
      if (text[i] !== '#') return;
      while (i < text.length && text[i] !== '\n') i++;
    }
  };
  const key = (): string => {
    if (text[i] === '"') return str();
    const m = /^[A-Za-z0-9_.-]+/.exec(text.slice(i, i + 200))!;
    i += m[0].length;
    return m[0];
  };
  const str = (): string => {
    const quote = text[i++];
    let out = '';
    while (text[i] !== quote) {
      if (quote === '"' && text[i] === '\\') {
        out += JSON.parse(`"${text.slice(i, i + 2)}"`);
        i += 2;
      } else out += text[i++];
    }
    i++;
    return out;
  };
  const value = (): Toml => {
    skip();
    const c = text[i];
    if (c === '"' || c === "'") return str();
    if (c === '[' || c === '{') {
      const close = c === '[' ? ']' : '}';
      i++;
      const arr: Toml[] = [];
      const obj: Table = {};
      for (skip(); text[i] !== close; skip()) {
        if (close === ']') arr.push(value());
        else {
          const k = key();
          skip();
          i++; // '='
          obj[k] = value();
        }
      }
      i++;
      return close === ']' ? arr : obj;
    }
    const m = /^[^\s,\]}]+/.exec(text.slice(i, i + 100))!;
    i += m[0].length;
    return m[0] === 'true' ? true : m[0] === 'false' ? false : Number(m[0]);
  };
  for (skip(); i < text.length; skip()) {
    if (text[i] === '[') {
      const isArray = text[i + 1] === '[';
      i += isArray ? 2 : 1;
      const path = key().split('.');
      i += isArray ? 2 : 1;
      current = descend(root, path, isArray);
    } else {
      const k = key();
      skip();
      i++; // '='
      current[k] = value();
    }
  }
  return root;
}

/** The table a `[a.b]` or `[[a.b]]` header opens; a dotted path goes into the last element of arrays. */
function descend(root: Table, path: string[], isArray: boolean): Table {
  let t = root;
  path.forEach((p, n) => {
    const last = n === path.length - 1;
    if (last && isArray) {
      const arr = (t[p] ??= []) as Table[];
      arr.push({});
      t = arr[arr.length - 1];
      return;
    }
    const next = t[p] ?? (t[p] = {});
    t = (Array.isArray(next) ? next[next.length - 1] : next) as Table;
  });
  return t;
}

/** The target: linux/amd64 glibc (python:3.12-slim is Debian trixie, glibc 2.41), CPython 3.12. */
export const ENV: Record<string, string> = {
  python_version: '3.12',
  python_full_version: '3.12.12',
  implementation_version: '3.12.12',
  sys_platform: 'linux',
  platform_system: 'Linux',
  platform_machine: 'x86_64',
  os_name: 'posix',
  implementation_name: 'cpython',
  platform_python_implementation: 'CPython',
  platform_release: '',
  platform_version: '',
  extra: '',
};
const GLIBC_MINOR = 41;

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map((x) => parseInt(x, 10) || 0);
  const pb = b.split('.').map((x) => parseInt(x, 10) || 0);
  for (let k = 0; k < Math.max(pa.length, pb.length); k++) {
    const d = (pa[k] ?? 0) - (pb[k] ?? 0);
    if (d) return Math.sign(d);
  }
  return 0;
}

const VERSION_VARS = new Set(['python_version', 'python_full_version', 'implementation_version']);

/** Evaluates a PEP 508 environment marker for ENV (`extra` is never set: no extras requested). */
export function evalMarker(marker: string, env: Record<string, string> = ENV): boolean {
  const tokens = marker.match(/\(|\)|'[^']*'|"[^"]*"|[<>=!~]=?=?|[A-Za-z_][A-Za-z0-9_.]*/g) ?? [];
  let k = 0;
  const operand = (t: string): { v: string; isVar: boolean } =>
    /^['"]/.test(t) ? { v: t.slice(1, -1), isVar: false } : { v: env[t] ?? '', isVar: true };
  const atom = (): boolean => {
    if (tokens[k] === '(') {
      k++;
      const r = or();
      k++; // ')'
      return r;
    }
    const lt = tokens[k++];
    let op = tokens[k++];
    if (op === 'not') op = `not ${tokens[k++]}`;
    const rt = tokens[k++];
    const l = operand(lt);
    const r = operand(rt);
    const versions = (l.isVar && VERSION_VARS.has(lt)) || (r.isVar && VERSION_VARS.has(rt));
    if (op === 'in') return r.v.includes(l.v);
    if (op === 'not in') return !r.v.includes(l.v);
    if (versions && (op === '==' || op === '!=') && r.v.endsWith('.*')) {
      // A prefix match: '3.12.*' holds for every 3.12.x.
      const want = r.v.slice(0, -2).split('.');
      const same = want.every((x, n) => compareVersions(l.v.split('.')[n] ?? '0', x) === 0);
      return op === '==' ? same : !same;
    }
    const c = versions ? compareVersions(l.v, r.v) : l.v === r.v ? 0 : l.v < r.v ? -1 : 1;
    if (op === '~=') return c >= 0 && compareVersions(l.v, r.v.replace(/\.[^.]*$/, '')) <= 0;
    return (
      { '==': c === 0, '===': c === 0, '!=': c !== 0, '<': c < 0, '<=': c <= 0, '>': c > 0, '>=': c >= 0 }[
        op
      ] ?? false
    );
  };
  const and = (): boolean => {
    let r = atom();
    while (tokens[k] === 'and') {
      k++;
      r = atom() && r;
    }
    return r;
  };
  const or = (): boolean => {
    let r = and();
    while (tokens[k] === 'or') {
      k++;
      r = and() || r;
    }
    return r;
  };
  return or();
}

/** pip's order of preference for a wheel's tags on CPython 3.12, linux x86_64 (lower is better), or null. */
export function wheelRank(filename: string): number | null {
  const parts = filename.replace(/\.whl$/, '').split('-');
  if (parts.length < 5) return null;
  const [py, abi, plat] = parts.slice(-3).map((p) => p.split('.'));
  let best: number | null = null;
  for (const p of py)
    for (const a of abi)
      for (const pl of plat) {
        const i = interpreterRank(p, a, pl === 'any');
        const q = platformRank(pl);
        if (i === null || q === null) continue;
        const r = pl === 'any' ? 100_000 + i : i * 100 + q;
        if (best === null || r < best) best = r;
      }
  return best;
}

function interpreterRank(py: string, abi: string, any: boolean): number | null {
  if (any) {
    // cp312-none-any, py312-none-any, py3-none-any, then older py3x.
    if (abi !== 'none') return null;
    if (py === 'cp312') return 0;
    if (py === 'py312') return 1;
    if (py === 'py3') return 2;
    const m = /^py3(\d+)$/.exec(py);
    return m && +m[1] < 12 ? 3 + (12 - +m[1]) : null;
  }
  if (py === 'cp312' && abi === 'cp312') return 0;
  if (py === 'cp312' && abi === 'abi3') return 1;
  if (py === 'cp312' && abi === 'none') return 2;
  const cp = /^cp3(\d+)$/.exec(py);
  if (cp && abi === 'abi3' && +cp[1] >= 2 && +cp[1] < 12) return 3 + (12 - +cp[1]);
  if (abi !== 'none') return null;
  if (py === 'py312') return 20;
  if (py === 'py3') return 21;
  const m = /^py3(\d+)$/.exec(py);
  return m && +m[1] < 12 ? 22 + (12 - +m[1]) : null;
}

/** Newest glibc first, then plain linux; null when the platform cannot run here. */
function platformRank(plat: string): number | null {
  if (plat === 'any') return 0;
  const legacy: Record<string, number> = {
    manylinux2014_x86_64: 17,
    manylinux2010_x86_64: 12,
    manylinux1_x86_64: 5,
  };
  const m = /^manylinux_2_(\d+)_x86_64$/.exec(plat);
  const minor = m ? +m[1] : legacy[plat];
  if (minor !== undefined) return minor <= GLIBC_MINOR ? GLIBC_MINOR - minor : null;
  return plat === 'linux_x86_64' ? 60 : null;
}

export interface LockDep {
  name: string;
  version?: string;
  marker?: string;
  extra?: string[];
}
export interface LockPackage {
  name: string;
  version: string;
  dependencies: LockDep[];
  optional: Record<string, LockDep[]>;
  wheels: { url: string; size?: number }[];
  resolutionMarkers: string[];
}

export function readLock(text: string): LockPackage[] {
  const doc = parseToml(text);
  return ((doc.package ?? []) as Table[]).map((p) => ({
    name: String(p.name),
    version: String(p.version ?? ''),
    dependencies: (p.dependencies ?? []) as unknown as LockDep[],
    optional: (p['optional-dependencies'] ?? {}) as unknown as Record<string, LockDep[]>,
    wheels: (p.wheels ?? []) as unknown as { url: string; size?: number }[],
    resolutionMarkers: (p['resolution-markers'] ?? []) as string[],
  }));
}

/** The wheel pip would download for this package on the target, or null (none fits: an sdist build). */
export function chooseWheel(p: LockPackage): { file: string; size: number } | null {
  let best: { file: string; size: number; rank: number } | null = null;
  for (const w of p.wheels) {
    const file = decodeURIComponent(w.url.slice(w.url.lastIndexOf('/') + 1));
    const rank = wheelRank(file);
    if (rank === null || typeof w.size !== 'number') continue;
    if (!best || rank < best.rank) best = { file, size: w.size, rank };
  }
  return best && { file: best.file, size: best.size };
}

/** The lock's entry for a name (and version) that applies on the target. */
export function findPackage(lock: LockPackage[], name: string, version?: string): LockPackage | null {
  const norm = (s: string) => s.toLowerCase().replace(/[-_.]+/g, '-');
  const all = lock.filter((p) => norm(p.name) === norm(name) && (!version || p.version === version));
  if (all.length <= 1) return all[0] ?? null;
  return all.find((p) => p.resolutionMarkers.some((m) => evalMarker(m))) ?? all[0];
}

export interface Closure {
  packages: { name: string; version: string; wheel: string | null; size: number }[];
  wheelBytes: number;
  /** Packages with no wheel for the target (pip would build them from the sdist). */
  unsized: string[];
}

/** `pip install <roots>` (each `name` or `name[extra,...]`): the packages the lock resolves and their wheels. */
export function pipClosure(lock: LockPackage[], roots: string[]): Closure {
  const seen = new Map<string, { p: LockPackage; extras: Set<string> }>();
  const queue: { p: LockPackage; extras: string[]; first: boolean }[] = [];
  const visit = (p: LockPackage | null, extras: string[], what: string) => {
    if (!p) throw new Error(`${what} is not in the lock`);
    const key = `${p.name}@${p.version}`;
    const had = seen.get(key);
    const fresh = extras.filter((e) => !had?.extras.has(e));
    if (had && fresh.length === 0) return;
    if (had) fresh.forEach((e) => had.extras.add(e));
    else seen.set(key, { p, extras: new Set(extras) });
    // A package seen again with new extras walks only those extras' dependencies.
    queue.push({ p, extras: had ? fresh : extras, first: !had });
  };
  for (const r of roots) {
    const m = /^([^[\]]+)(?:\[([^\]]*)\])?$/.exec(r.trim())!;
    visit(findPackage(lock, m[1]), m[2] ? m[2].split(',').map((e) => e.trim()) : [], m[1]);
  }
  while (queue.length) {
    const { p, extras, first } = queue.shift()!;
    const deps = [...(first ? p.dependencies : []), ...extras.flatMap((e) => p.optional[e] ?? [])];
    for (const d of deps)
      if (!d.marker || evalMarker(d.marker))
        visit(findPackage(lock, d.name, d.version), d.extra ?? [], d.name);
  }
  const packages = [...seen.values()].map(({ p }) => {
    const w = chooseWheel(p);
    return { name: p.name, version: p.version, wheel: w?.file ?? null, size: w?.size ?? 0 };
  });
  return {
    packages: packages.sort((a, b) => a.name.localeCompare(b.name)),
    wheelBytes: packages.reduce((n, p) => n + p.size, 0),
    unsized: packages.filter((p) => !p.wheel).map((p) => p.name),
  };
}
