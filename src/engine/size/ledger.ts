// The layer ledger: what each layer adds (items with a kind, a path and bytes) and what later layers
// delete. Layers are additive: a deletion only shrinks items of the layer it happens in; items of
// earlier layers stay in the image and count as wasted.
import type { Confidence, LayerEstimate, LedgerItemSummary } from '../types';
import type { CatalogEntry, OsFamily } from './types';
import { compressed, type ContentKind } from './ratios';
import { globMatch, segmentMatch } from '../glob';
import { basename, dirname, normalizePath } from '../primitives/paths';
import { formatBytes } from '../primitives/bytes';

export interface LedgerItem {
  kind: ContentKind;
  /** Absolute path. A last segment with `*` stands for a file whose name we do not know. */
  path: string;
  /** Other paths the same bytes may live at (e.g. a JS build's dist/ or build/ or out/). */
  aliases?: string[];
  bytes: number;
  compressedBytes: number;
  confidence: Confidence;
  /** A short phrase for the layer's basis, e.g. "node_modules with devDependencies (≈ 170 MB, typical)". */
  label: string;
  /** Bytes of this item deleted by later layers of the stage: still shipped, never reachable. */
  deleted: number;
  /** The item is a file (binary, jar, archive) rather than a folder. */
  file?: boolean;
  /** Base-image content: never matched by path (we do not know the base's files one by one). */
  base?: boolean;
  /** OS packages of this item and the manager that installed them. */
  packages?: string[];
  manager?: string;
  /** Where the bytes came from (a COPY source), to tell a re-copy from a copy of something else. */
  origin?: string;
  /** apk --virtual group name. */
  group?: string | null;
  note?: string;
}

export interface LayerRec {
  stage: number;
  line: number;
  instruction: string;
  kind: 'base' | 'instruction';
  items: LedgerItem[];
  /** Extra sentences (clauses) for the basis beyond the items' labels. */
  notes: string[];
  /** A basis fixed by the caller (base layers). */
  basis?: string;
  confidence?: Confidence;
}

export interface OsInfo {
  family: OsFamily;
  release: string | null;
  entry: CatalogEntry | null;
  installed: ReadonlySet<string> | null;
}

export interface StageState {
  index: number;
  layers: LayerRec[];
  workdir: string;
  env: Record<string, string>;
  user: string | null;
  os: OsInfo;
  /** OS packages installed by this Dockerfile (names), to size later installs as increments. */
  osInstalled: Set<string>;
  /** Language runtime of the base (node, python, go, ...), for defaults such as GOPATH. */
  runtime: string | null;
  /** Label of the base for bases (e.g. 'node:22-bookworm'). */
  baseLabel: string;
}

export function makeItem(
  kind: ContentKind,
  path: string,
  bytes: number,
  confidence: Confidence,
  label: string,
  extra: Partial<LedgerItem> = {},
): LedgerItem {
  const b = Math.max(0, Math.round(bytes));
  return {
    kind,
    path,
    bytes: b,
    compressedBytes: extra.compressedBytes ?? compressed(b, kind),
    confidence,
    label,
    deleted: 0,
    ...extra,
  };
}

export function cloneState(s: StageState, index: number): StageState {
  const layers = s.layers.map((l) => ({ ...l, items: l.items.map((i) => ({ ...i })), notes: [...l.notes] }));
  return {
    index,
    layers,
    workdir: s.workdir,
    env: { ...s.env },
    user: s.user,
    os: s.os,
    osInstalled: new Set(s.osInstalled),
    runtime: s.runtime,
    baseLabel: s.baseLabel,
  };
}

// --- paths ----------------------------------------------------------------------------------

export { basename, dirname, normalizePath };

export function resolvePath(cwd: string, p: string, home = '/root'): string {
  let q = p.trim();
  if (q.startsWith('~/') || q === '~') q = home + q.slice(1);
  if (q.startsWith('$HOME')) q = home + q.slice(5);
  if (!q.startsWith('/')) q = (cwd.endsWith('/') ? cwd : cwd + '/') + q;
  const trailingGlob = q.endsWith('/*') || q.endsWith('/.');
  const n = normalizePath(q.replace(/\/\*$/, '').replace(/\/\.$/, ''));
  return trailingGlob && !q.endsWith('/.') ? (n === '/' ? '/*' : n + '/*') : n;
}

const GLOB = /[*?[]/;

function under(path: string, dir: string): boolean {
  if (dir === '/') return true;
  return path === dir || path.startsWith(dir + '/');
}

/** How a query path (a COPY source, an rm target) relates to an item's path. */
export type Relation = 'covers' | 'inside' | 'none';

/**
 * 'covers': the query includes the whole item (the item lies under the query, or the query's glob
 * matches it). 'inside': the query names a part of the item (a sub-path). 'none': unrelated.
 */
export function relate(query: string, item: LedgerItem): Relation {
  let best: Relation = 'none';
  for (const p of [item.path, ...(item.aliases ?? [])]) {
    const r = relatePath(query, p);
    if (r === 'covers') return 'covers';
    if (r === 'inside') best = 'inside';
  }
  return best;
}

export function relatePath(query: string, itemPath: string): Relation {
  const itemGlob = GLOB.test(itemPath);
  if (GLOB.test(query)) {
    // /app/target/*.jar vs an item /app/target/*.jar (same pattern) or /app/target (a tree).
    if (itemGlob) {
      if (query === itemPath) return 'covers';
      const qd = dirname(query);
      const id = dirname(itemPath);
      if (
        qd === id &&
        (segmentMatch(basename(query), basename(itemPath).replace(/\*/g, 'x')) || basename(query) === '*')
      )
        return 'covers';
      return 'none';
    }
    if (globMatch(query, itemPath)) return 'covers';
    // Items below a matched folder: /var/lib/apt/lists/* covers /var/lib/apt/lists/partial.
    let p = itemPath;
    while (p !== '/') {
      if (globMatch(query, p)) return 'covers';
      p = dirname(p);
    }
    const prefix = query.slice(0, query.search(GLOB));
    const dir = prefix.endsWith('/') ? prefix.slice(0, -1) || '/' : dirname(prefix);
    // rm -rf /var/lib/apt/lists/* empties the folder item; /app/target/*.jar takes a part of it.
    if (dir === itemPath) return basename(query) === '*' && dirname(query) === dir ? 'covers' : 'inside';
    if (under(dir, itemPath)) return 'inside';
    return 'none';
  }
  if (itemGlob) {
    // A file of unknown name in a known folder: the query names that folder, or a file in it.
    const id = dirname(itemPath);
    if (under(id, query)) return 'covers';
    if (dirname(query) === id && segmentMatch(basename(itemPath), basename(query))) return 'covers';
    return 'none';
  }
  if (under(itemPath, query)) return 'covers';
  if (under(query, itemPath)) return 'inside';
  return 'none';
}

// --- layers ---------------------------------------------------------------------------------

export function liveBytes(i: LedgerItem): number {
  return Math.max(0, i.bytes - i.deleted);
}

export function layerBytes(l: LayerRec): { u: number; c: number; wasted: number } {
  let u = 0;
  let c = 0;
  let wasted = 0;
  for (const i of l.items) {
    u += i.bytes;
    c += i.compressedBytes;
    wasted += Math.min(i.bytes, i.deleted);
  }
  return { u, c, wasted };
}

const ORDER: Record<Confidence, number> = { high: 2, medium: 1, low: 0 };
export function weakest(a: Confidence, b: Confidence): Confidence {
  return ORDER[a] <= ORDER[b] ? a : b;
}

/** The weakest confidence among items that make at least `share` of the total. */
export function weakestOf(
  parts: { bytes: number; confidence: Confidence }[],
  share: number,
  dflt: Confidence,
): Confidence {
  const total = parts.reduce((s, p) => s + p.bytes, 0);
  if (total <= 0) return dflt;
  let out: Confidence = 'high';
  let any = false;
  for (const p of parts) {
    if (p.bytes >= total * share) {
      out = weakest(out, p.confidence);
      any = true;
    }
  }
  return any ? out : dflt;
}

function sentence(parts: string[]): string {
  const text = parts.filter(Boolean).join('; ');
  if (!text) return '';
  const tool =
    /^(npm|yarn|pnpm|bun|apt-get|apk|pip|uv|poetry|go|cargo|mvn|gradle|dotnet|composer|gem|bundle|conda|dnf|yum|microdnf|zypper|curl|wget|git|tar|python|tsc|make|chown|chmod|mv|cp|npm's|yarn's|pnpm's|pip's|uv's|apk's|\.git|node_modules)\b/;
  const s = tool.test(text) ? text : text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(s) ? s : s + '.';
}

export function finishLayer(l: LayerRec): LayerEstimate {
  const { u, c, wasted } = layerBytes(l);
  const confidence =
    l.confidence ??
    weakestOf(
      l.items.map((i) => ({ bytes: i.bytes, confidence: i.confidence })),
      0.2,
      'high',
    );
  let basis = l.basis;
  if (!basis) {
    const labels = [
      ...new Set(
        [...l.items]
          .filter((i) => i.label && (i.bytes > 0 || l.items.length === 1))
          .sort((a, b) => b.bytes - a.bytes)
          .map((i) => i.label),
      ),
    ].slice(0, 4);
    const parts = [...labels, ...l.notes];
    basis = sentence(parts.length ? parts : ['this instruction writes no files of note (≈ 0 B)']);
  }
  const items: LedgerItemSummary[] = l.items.map((i) => {
    const s: LedgerItemSummary = {
      kind: i.kind,
      path: i.path,
      uncompressedBytes: i.bytes,
      compressedBytes: i.compressedBytes,
    };
    const note =
      i.deleted > 0
        ? `${formatBytes(Math.min(i.bytes, i.deleted))} deleted by a later layer (still shipped)`
        : i.note;
    if (note) s.note = note;
    return s;
  });
  const out: LayerEstimate = {
    stage: l.stage,
    line: l.line,
    instruction: l.instruction,
    uncompressedBytes: u,
    compressedBytes: c,
    confidence,
    basis,
    items,
    wastedBytes: wasted,
    kind: l.kind,
  };
  return out;
}

export { sentence };
