// COPY --from=<stage>: only the ledger items the stage put under the copied paths travel, moved
// to the destination with their sizes; a path no instruction wrote comes from the stage's base.
import type { CopyInstruction } from '../model';
import type { LayerRec, LedgerItem, StageState } from './ledger';
import { basename, liveBytes, relate, resolvePath } from './ledger';
import { formatBytes } from '../primitives/bytes';
import type { Ctx } from './context';
import { addNew, homeOf, liveItems } from './context';
import { compressed } from './ratios';
import * as H from './heuristics';

const PART_OF_TREE = new Set<string>([
  'context',
  'node_modules',
  'site-packages',
  'vendor',
  'dist',
  'build-output',
  'extracted',
  'cargo-target',
  'venv',
  'dotnet-publish',
]);

/** Where a copied path lands: its place under the copied folder, moved to the destination. */
export function remap(
  itemPath: string,
  query: string,
  dest: string,
  destIsDir: boolean,
  file: boolean,
): string {
  const q = query.replace(/\/\*$/, '');
  if (itemPath !== q && itemPath.startsWith(q === '/' ? '/' : q + '/')) {
    const rel = itemPath.slice(q === '/' ? 0 : q.length);
    return (dest === '/' ? '' : dest) + (rel.startsWith('/') ? rel : '/' + rel);
  }
  if (file || /[*?]/.test(query))
    return destIsDir ? `${dest === '/' ? '' : dest}/${basename(itemPath)}` : dest;
  return dest;
}

export function copyFromStage(
  st: StageState,
  ins: CopyInstruction,
  layer: LayerRec,
  ctx: Ctx,
  stageIndex: number,
  dest: string,
  destIsDir: boolean,
): void {
  const src = ctx.states[stageIndex];
  const stageName = ins.fromRaw ?? String(stageIndex);
  if (!src) {
    const b = H.UNKNOWN_BASE_PATH * ins.sources.length;
    addNew(
      st,
      layer,
      'other',
      dest,
      b,
      'low',
      `COPY --from=${stageName} names a stage that is not built before this one (≈ ${formatBytes(b)} guessed)`,
    );
    return;
  }
  const items = liveItems(src);
  for (const raw of ins.sources) copyStagePath(st, layer, src, items, stageName, raw, dest, destIsDir);
}

/** One source of `COPY --from=<stage>`: the ledger items under it, or a guess when none. */
function copyStagePath(
  st: StageState,
  layer: LayerRec,
  src: StageState,
  items: LedgerItem[],
  stageName: string,
  raw: string,
  dest: string,
  destIsDir: boolean,
): void {
  const q = resolvePath(src.workdir, raw, homeOf(src));
  if (q === '/') {
    let b = 0;
    for (const l of src.layers) for (const i of l.items) b += liveBytes(i);
    addNew(
      st,
      layer,
      'other',
      dest,
      b,
      'medium',
      `COPY --from=${stageName} / copies that stage's whole filesystem (≈ ${formatBytes(b)})`,
    );
    return;
  }
  const covered = items.filter((i) => relate(q, i) === 'covers');
  if (covered.length) return carryCovered(st, layer, covered, stageName, raw, q, dest, destIsDir);
  const known = H.KNOWN_BASE_PATHS.find((k) => k.pattern.test(q));
  if (known) {
    addNew(
      st,
      layer,
      'base-file',
      remap(q, q, dest, destIsDir, true),
      known.bytes,
      'medium',
      `COPY --from=${stageName} ${raw} brings ${known.what} from that stage's base image (≈ ${formatBytes(known.bytes)})`,
      { file: true },
    );
    return;
  }
  const inside = items.filter((i) => relate(q, i) === 'inside').sort((a, b) => b.bytes - a.bytes)[0];
  if (inside) return takePart(st, layer, inside, stageName, raw, dest);
  addNew(
    st,
    layer,
    'base-file',
    dest,
    H.UNKNOWN_BASE_PATH,
    'low',
    `COPY --from=${stageName} ${raw}: no instruction of that stage wrote ${q}, so it comes from its base image (≈ ${formatBytes(H.UNKNOWN_BASE_PATH)} guessed)`,
  );
}

/** A path inside one item of the stage (a file out of a tree): a share of that item. */
function takePart(
  st: StageState,
  layer: LayerRec,
  inside: LedgerItem,
  stageName: string,
  raw: string,
  dest: string,
): void {
  // A part of a project tree is guessed as a quarter of it; a single file out of installed OS
  // packages or a toolchain is small.
  const tree = PART_OF_TREE.has(inside.kind);
  const b = Math.min(
    liveBytes(inside),
    tree ? Math.max(H.UNKNOWN_BASE_PATH, Math.round(liveBytes(inside) * 0.25)) : H.UNKNOWN_BASE_PATH,
  );
  addNew(
    st,
    layer,
    inside.kind,
    dest,
    b,
    'low',
    `COPY --from=${stageName} ${raw} takes part of ${inside.path} (≈ ${formatBytes(b)}: ${tree ? 'a quarter of it' : 'a few files'}, guessed)`,
  );
}

/** The items a stage put under the copied path, moved to the destination with their sizes. */
function carryCovered(
  st: StageState,
  layer: LayerRec,
  covered: LedgerItem[],
  stageName: string,
  raw: string,
  q: string,
  dest: string,
  destIsDir: boolean,
): void {
  let total = 0;
  for (const i of covered) {
    const b = liveBytes(i);
    total += b;
    const ratio = i.bytes > 0 ? i.compressedBytes / i.bytes : 0;
    const newPath = remap(i.path, q, dest, destIsDir, !!i.file);
    addNew(st, layer, i.kind, newPath, b, i.confidence, '', {
      compressedBytes: Math.round(b * ratio) || compressed(b, i.kind),
      file: i.file,
      aliases: remapAliases(i, q, dest, destIsDir),
      packages: i.packages,
      manager: i.manager,
    });
  }
  // One basis clause for the whole copy, on its last item.
  layer.items[layer.items.length - 1].label =
    `COPY --from=${stageName} ${raw} carries only what that stage put under ${q}: ${describe(covered)} (≈ ${formatBytes(total)})`;
}

function remapAliases(i: LedgerItem, q: string, dest: string, destIsDir: boolean): string[] | undefined {
  if (!i.aliases) return undefined;
  return i.aliases
    .filter((a) => relate(q, { ...i, path: a, aliases: [] }) === 'covers')
    .map((a) => remap(a, q, dest, destIsDir, !!i.file));
}

function describe(items: LedgerItem[]): string {
  const kinds = [...new Set(items.map((i) => i.kind.replace('-', ' ')))];
  return kinds.slice(0, 3).join(', ');
}
