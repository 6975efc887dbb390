// COPY and ADD: files from the build context (copy-context.ts, sized from the documented context
// assumptions), from earlier stages (copy-stage.ts: only the ledger items under the copied paths),
// from other images, or downloaded by ADD.
import type { CopyInstruction } from '../model';
import type { LayerRec, StageState } from './ledger';
import { basename, resolvePath } from './ledger';
import { formatBytes } from '../primitives/bytes';
import type { Ctx } from './context';
import { addNew, homeOf } from './context';
import * as H from './heuristics';
import { copyFromContext } from './copy-context';
import { copyFromStage, remap } from './copy-stage';

export function copyLayer(st: StageState, ins: CopyInstruction, layer: LayerRec, ctx: Ctx): void {
  const home = homeOf(st);
  const many = ins.sources.length + ins.remoteSources.filter((r) => !ins.sources.includes(r)).length > 1;
  const destRaw = ins.destination || '.';
  const dest = resolvePath(st.workdir, destRaw, home);
  const destIsDir = /\/$/.test(destRaw) || destRaw === '.' || destRaw === './' || many;
  const from = ins.from;
  if (from && 'stage' in from) return copyFromStage(st, ins, layer, ctx, from.stage, dest, destIsDir);
  if (from && 'image' in from) return copyFromImage(st, ins, layer, ctx, from.image, dest, destIsDir);
  for (const src of ins.sources) {
    if (ins.remoteSources.includes(src)) continue;
    copyFromContext(st, ins, layer, ctx, src, dest, destIsDir);
  }
  for (const url of ins.remoteSources) {
    const tc = H.findToolchain(url);
    const bytes = tc ? tc.archive : H.UNKNOWN_DOWNLOAD;
    const isGit = /\.git$|^git@|#/.test(url) && !/\.(tar|zip|gz)/.test(url);
    const path = destIsDir ? `${dest}/${basename(url.split('?')[0])}` : dest;
    if (isGit) {
      addNew(
        st,
        layer,
        'context',
        dest,
        H.GIT_CLONE,
        'low',
        `ADD of the git repository ${url} (≈ ${formatBytes(H.GIT_CLONE)}, unknown repository)`,
      );
      continue;
    }
    addNew(
      st,
      layer,
      'download',
      path,
      bytes,
      tc ? 'medium' : 'low',
      `ADD downloads ${tc ? `the ${tc.name} archive` : basename(url) || 'a file'} to ${path} (≈ ${formatBytes(bytes)}${tc ? '' : ', unknown file: guessed'}; ADD does not unpack URLs)`,
      { file: true, note: url },
    );
  }
}

function copyFromImage(
  st: StageState,
  ins: CopyInstruction,
  layer: LayerRec,
  ctx: Ctx,
  image: string,
  dest: string,
  destIsDir: boolean,
): void {
  for (const raw of ins.sources) {
    const q = resolvePath('/', raw);
    if (q === '/') {
      const res = ctx.deps.bases.resolve(image);
      const b = res.entry?.uncompressedBytes ?? 100 * H.MB;
      addNew(
        st,
        layer,
        'other',
        dest,
        b,
        res.entry ? res.confidence : 'low',
        `COPY --from=${image} / copies the whole image (≈ ${formatBytes(b)})`,
      );
      continue;
    }
    if (/(^|\/)uvx?$/.test(q) && /uv/.test(image)) {
      addNew(
        st,
        layer,
        'binary',
        remap(q, q, dest, destIsDir, true),
        40 * H.MB,
        'medium',
        `COPY --from=${image} ${raw} brings the uv binary (≈ 40 MB)`,
        { file: true },
      );
      continue;
    }
    const known = H.KNOWN_BASE_PATHS.find((k) => k.pattern.test(q));
    const b = known ? known.bytes : H.UNKNOWN_BASE_PATH;
    addNew(
      st,
      layer,
      'base-file',
      remap(q, q, dest, destIsDir, true),
      b,
      known ? 'medium' : 'low',
      `COPY --from=${image} ${raw} brings ${known ? known.what : 'files of that image'} (≈ ${formatBytes(b)}${known ? '' : ', guessed'})`,
      { file: !!known },
    );
  }
}
