// Package names across releases of the same package generation. Ubuntu's archive is not bundled:
// an Ubuntu release is sized from the Debian suite of its generation (22.04 → bookworm, 24.04 →
// trixie), and a name that suite lacks is mapped explicitly, never guessed silently:
//   * the 64-bit time_t rename: `libcurl4` ↔ `libcurl4t64` (trixie and Ubuntu 24.04 carry t64 names);
//   * a versioned name whose version differs between the releases: `libicu74` → `libicu76`,
//     `python3.12` → `python3.13`, `libssl1.1` → `libssl3` (the nearest version of the same stem).
// Every mapping is reported in the install's basis.
import type { DebianIndex } from './packages';

const stemCache = new WeakMap<DebianIndex, Map<string, { name: string; version: number }[]>>();

/** `libicu74` → { stem: 'libicu', version: 74, rest: '' }; `python3.12-dev` → python/3.12/-dev. */
function splitVersioned(name: string): { stem: string; version: number; rest: string } | null {
  const m = /^(.*?[a-z+-])(\d+(?:\.\d+)?)(?:t64)?(-[a-z][a-z0-9+.-]*)?$/.exec(name);
  if (!m || m[1].length < 3) return null;
  return { stem: m[1], version: Number(m[2]), rest: m[3] ?? '' };
}

function stems(ix: DebianIndex): Map<string, { name: string; version: number }[]> {
  let map = stemCache.get(ix);
  if (!map) {
    map = new Map();
    for (const name of ix.allNames()) {
      const v = splitVersioned(name);
      if (!v) continue;
      const key = `${v.stem}\u0000${v.rest}`;
      const list = map.get(key) ?? [];
      list.push({ name, version: v.version });
      map.set(key, list);
    }
    stemCache.set(ix, map);
  }
  return map;
}

export interface MappedName {
  asked: string;
  /** The table's name, or null when nothing of that stem exists. */
  name: string | null;
  /** Why the name changed (null when it did not). */
  why: string | null;
}

/** The table's name for a package name of another release of the same generation. */
export function mapReleaseName(asked: string, ix: DebianIndex): MappedName {
  const n = asked.trim().toLowerCase();
  if (ix.has(n) || /[:=/]/.test(n)) return { asked, name: n, why: null };
  if (ix.has(`${n}t64`)) return { asked, name: `${n}t64`, why: `${n} is ${n}t64 after the time_t rename` };
  if (n.endsWith('t64') && ix.has(n.slice(0, -3)))
    return { asked, name: n.slice(0, -3), why: `${n} is ${n.slice(0, -3)} before the time_t rename` };
  const v = splitVersioned(n);
  const list = v ? stems(ix).get(`${v.stem}\u0000${v.rest}`) : undefined;
  if (!v || !list?.length) return { asked, name: null, why: null };
  const best = [...list].sort(
    (a, b) => Math.abs(a.version - v.version) - Math.abs(b.version - v.version) || b.version - a.version,
  )[0];
  return { asked, name: best.name, why: `${n} sized as ${best.name} (the same package, another version)` };
}

const mappedSets = new WeakMap<ReadonlySet<string>, WeakMap<DebianIndex, ReadonlySet<string>>>();

/**
 * An installed package set (another release's names) with each name the table lacks added under
 * the table's name for it: what the closure must treat as already installed. Cached per set.
 */
export function withTableNames(installed: ReadonlySet<string>, ix: DebianIndex): ReadonlySet<string> {
  const bySet = mappedSets.get(installed) ?? new WeakMap<DebianIndex, ReadonlySet<string>>();
  mappedSets.set(installed, bySet);
  let out = bySet.get(ix);
  if (!out) {
    const all = new Set(installed);
    for (const n of installed) {
      const m = ix.has(n) ? null : mapReleaseName(n, ix).name;
      if (m) all.add(m);
    }
    out = all;
    bySet.set(ix, out);
  }
  return out;
}
