// What the per-instruction estimators share while one Dockerfile is sized.
import type { ResolvedOptions } from '../options';
import type { BaseImageLookup, PackageSizer } from './types';
import type { LayerRec, LedgerItem, StageState } from './ledger';
import { liveBytes, makeItem, relate } from './ledger';
import { formatBytes } from '../primitives/bytes';
import { compressed } from './ratios';
import { excludeProfile, nameNotes, packageFiles } from './package-files';

export interface SizeDeps {
  bases: BaseImageLookup;
  packages: PackageSizer;
}

export interface Ctx {
  deps: SizeDeps;
  opts: ResolvedOptions;
  /** Finished stages, by index (COPY --from and FROM <stage> read them). */
  states: (StageState | undefined)[];
  /** Assumptions used, in words (Estimate.assumptions). */
  assumptions: Set<string>;
}

/** The home folder of the stage's user ($HOME wins). */
export function homeOf(st: StageState): string {
  if (st.env.HOME) return st.env.HOME;
  const u = (st.user ?? '').split(':')[0];
  if (!u || u === 'root' || u === '0') return '/root';
  return `/home/${u}`;
}

/** Every item of the stage with bytes still reachable. */
export function liveItems(st: StageState): LedgerItem[] {
  const out: LedgerItem[] = [];
  for (const l of st.layers) for (const i of l.items) if (!i.base && liveBytes(i) > 0) out.push(i);
  return out;
}

export function layerOf(st: StageState, item: LedgerItem): LayerRec | undefined {
  return st.layers.find((l) => l.items.includes(item));
}

/** Kinds whose rewrite replaces the earlier copy (caches only grow: a later install adds to them). */
const REPLACING = new Set<string>([
  'node_modules',
  'context',
  'git',
  'dist',
  'binary',
  'jar',
  'apt-lists',
  'venv',
  'dotnet-publish',
  'download',
]);

/** A new item (makeItem's arguments) added to the layer: the ledger's usual one-step record. */
export function addNew(st: StageState, layer: LayerRec, ...item: Parameters<typeof makeItem>): LedgerItem {
  return addItem(st, layer, makeItem(...item));
}

/**
 * Adds an item to the layer. An earlier live item at the same path and of the same kind is
 * overwritten: its bytes stay in its layer (wasted), as overlay filesystems keep both copies.
 */
export function addItem(st: StageState, layer: LayerRec, item: LedgerItem): LedgerItem {
  if (item.kind === 'os-packages' && item.manager === 'apt' && item.packages?.length)
    applyPackageFiles(st, item);
  if (REPLACING.has(item.kind)) {
    for (const l of st.layers) {
      if (l === layer) continue;
      for (const old of l.items) {
        if (old.base || liveBytes(old) === 0) continue;
        // Copies of different sources into one folder add up; the same source again replaces.
        if (old.path === item.path && old.kind === item.kind && (old.origin ?? '') === (item.origin ?? '')) {
          old.deleted = old.bytes;
          layer.notes.push(
            `it replaces ${formatBytes(old.bytes)} at ${old.path} from line ${l.line}, which stays in that layer`,
          );
        }
      }
    }
  }
  layer.items.push(item);
  return item;
}

export interface RemovalOutcome {
  savedHere: number;
  wastedEarlier: number;
  earlierLines: number[];
}

/**
 * Deletes what `match` selects. Items of the current layer shrink (the files never reach the
 * layer); items of earlier layers are only hidden: the earlier layer keeps them (wasted bytes).
 */
export function removeWhere(
  st: StageState,
  layer: LayerRec,
  match: (i: LedgerItem) => 'covers' | 'inside' | 'none',
): RemovalOutcome {
  const out: RemovalOutcome = { savedHere: 0, wastedEarlier: 0, earlierLines: [] };
  for (let k = layer.items.length - 1; k >= 0; k--) {
    const i = layer.items[k];
    if (i.base) continue;
    if (match(i) === 'covers') {
      out.savedHere += i.bytes;
      layer.items.splice(k, 1);
    }
  }
  for (const l of st.layers) {
    if (l === layer) continue;
    for (const i of l.items) {
      if (i.base || liveBytes(i) === 0) continue;
      if (match(i) === 'covers') {
        out.wastedEarlier += liveBytes(i);
        i.deleted = i.bytes;
        if (!out.earlierLines.includes(l.line)) out.earlierLines.push(l.line);
      }
    }
  }
  return out;
}

export function removePaths(st: StageState, layer: LayerRec, paths: string[]): RemovalOutcome {
  return removeWhere(st, layer, (i) => {
    let best: 'covers' | 'inside' | 'none' = 'none';
    for (const p of paths) {
      const r = relate(p, i);
      if (r === 'covers') return 'covers';
      if (r === 'inside') best = 'inside';
    }
    return best;
  });
}

/** A clause explaining a deletion's effect on size. */
export function removalNote(what: string, r: RemovalOutcome): string | null {
  const parts: string[] = [];
  if (r.savedHere > 0)
    parts.push(`${what} removed in the same RUN, so ${formatBytes(r.savedHere)} never reach the layer`);
  if (r.wastedEarlier > 0) {
    const lines = r.earlierLines.join(', ');
    parts.push(
      `deleting ${what} here saves nothing: the ${formatBytes(r.wastedEarlier)} stay in the layer of line ${lines} (layers are additive), so they count as wasted`,
    );
  }
  return parts.length ? parts.join('; ') : null;
}

/**
 * An apt install on a base whose dpkg path-excludes drop documentation (Debian slim, Ubuntu) is
 * smaller than the index says, and each package compresses at its own measured ratio.
 */
function applyPackageFiles(st: StageState, item: LedgerItem): void {
  const names = nameNotes(st.os, item.packages ?? []);
  if (names.mapped.length) item.label += `; names mapped: ${names.mapped.join('; ')}`;
  // A name in no table is sized as a typical package: said with its name, never silently.
  const unknown = names.unknown.filter((n) => !item.label.includes(`${n} sized from`));
  if (unknown.length)
    item.label += `; not in the ${st.os.family} package table, so estimated: ${unknown.join(', ')}`;
  const pf = packageFiles(st.os, item.packages ?? []);
  if (!pf) return;
  const rest = Math.max(0, item.bytes - pf.installedBytes);
  item.bytes = Math.max(0, item.bytes - pf.excludedBytes) + pf.generatedBytes;
  item.compressedBytes = Math.max(1, pf.compressedBytes + compressed(rest, 'os-packages'));
  if (pf.generatedBytes > 0)
    item.label += `; ${formatBytes(pf.generatedBytes)} of .pyc written by byte-compiling the Python modules on install (measured)`;
  const profile = excludeProfile(st.os);
  const notMeasured = pf.unmeasured ? `, ${pf.unmeasured} not measured: median share` : '';
  if (profile && pf.excludedBytes > 0)
    item.label += `; ${formatBytes(pf.excludedBytes)} of docs, man pages and translations not installed (${profile === 'debian-slim' ? 'the slim image’s dpkg path-excludes' : "Ubuntu's dpkg path-excludes and the upstream changelogs its builds strip"}, measured on ${pf.measured} package(s)${notMeasured})`;
  else item.label += `; compressed per package as measured (${pf.measured} package(s)${notMeasured})`;
}
