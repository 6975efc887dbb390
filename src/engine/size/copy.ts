// COPY and ADD: files from the build context (sized from the documented context assumptions),
// from earlier stages (only the ledger items under the copied paths) or from other images.
import type { CopyInstruction } from '../model';
import type { Confidence } from '../types';
import type { LayerRec, LedgerItem, StageState } from './ledger';
import { basename, liveBytes, makeItem, relate, resolvePath } from './ledger';
import { formatBytes } from '../primitives/bytes';
import type { Ctx } from './context';
import { addItem, homeOf, liveItems } from './context';
import type { ContentKind } from './ratios';
import { compressed } from './ratios';
import * as H from './heuristics';
import { LOCKFILES, isManifestName } from '../ecosystems';

// Small files besides the ecosystems' manifests (those come from the ecosystem modules).
const SMALL_FILE =
  /^(requirements[\w.-]*\.(txt|in)|gradlew|.*\.props|tsconfig[\w.-]*\.json|\.env[\w.-]*|Dockerfile|.*\.(conf|ini|cfg|ya?ml|toml|json|xml|properties|sh|txt|md|html|lock))$/i;
const isManifest = (name: string) => isManifestName(name) || SMALL_FILE.test(name);
const CODE_FILE = /\.(py|js|mjs|cjs|ts|go|rb|php|java|kt|rs|c|cc|cpp|h|cs|pl|lua|r)$/i;
const ARCHIVE = /\.(tar(\.(gz|xz|bz2|zst))?|tgz|txz|tbz2?|zip)$/i;
const WHOLE = new Set(['.', './', '*', './*', '/', '']);

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
      addItem(
        st,
        layer,
        makeItem(
          'context',
          dest,
          H.GIT_CLONE,
          'low',
          `ADD of the git repository ${url} (≈ ${formatBytes(H.GIT_CLONE)}, unknown repository)`,
        ),
      );
      continue;
    }
    addItem(
      st,
      layer,
      makeItem(
        'download',
        path,
        bytes,
        tc ? 'medium' : 'low',
        `ADD downloads ${tc ? `the ${tc.name} archive` : basename(url) || 'a file'} to ${path} (≈ ${formatBytes(bytes)}${tc ? '' : ', unknown file: guessed'}; ADD does not unpack URLs)`,
        { file: true, note: url },
      ),
    );
  }
}

/**
 * What the estimate assumes about the build context, from the COPY/ADD source at hand: a copy of
 * the whole context assumes its size and what comes along with it (.git, node_modules, no
 * .dockerignore); a named file or folder assumes that this path exists in the context.
 */
function contextAssumptions(ctx: Ctx, srcRaw: string): void {
  const c = ctx.opts.context;
  const src = srcRaw
    .trim()
    .replace(/^\.\//, '')
    .replace(/(?<!\/)\/+$/, '');
  if (src.startsWith('<<')) return; // an inline heredoc: nothing read from the context
  const name = basename(src);
  if (WHOLE.has(srcRaw.trim()) || WHOLE.has(src)) {
    ctx.assumptions.add(
      `The build context holds about ${formatBytes(c.sourceBytes)} of source files (excluding node_modules, .git and build outputs).`,
    );
    ctx.assumptions.add(
      c.hasDockerignore
        ? 'A .dockerignore excludes .git, node_modules and build outputs from the context.'
        : 'There is no .dockerignore: COPY . . takes everything in the context.',
    );
  } else ctx.assumptions.add(`The build context holds ${src}, which a COPY/ADD names.`);
  if (WHOLE.has(src) || name === '.git')
    ctx.assumptions.add(
      c.hasGit
        ? `The context holds the .git folder (about ${formatBytes(c.gitBytes)}).`
        : 'The context holds no .git folder.',
    );
  if (WHOLE.has(src) || name === 'node_modules')
    ctx.assumptions.add(
      c.hasNodeModules
        ? `A node_modules folder (about ${formatBytes(c.nodeModulesBytes)}) sits in the context.`
        : 'No node_modules folder sits in the context.',
    );
}

function copyFromContext(
  st: StageState,
  ins: CopyInstruction,
  layer: LayerRec,
  ctx: Ctx,
  srcRaw: string,
  dest: string,
  destIsDir: boolean,
): void {
  const c = ctx.opts.context;
  contextAssumptions(ctx, srcRaw);
  const src = srcRaw.replace(/^\.\//, '').replace(/(?<!\/)\/+$/, '');
  const name = basename(src);
  const verb = ins.keyword === 'ADD' ? 'ADD' : 'COPY';
  const target = (n: string) => (destIsDir || WHOLE.has(src) ? `${dest === '/' ? '' : dest}/${n}` : dest);
  if (WHOLE.has(srcRaw.trim()) || WHOLE.has(src)) {
    copyWholeContext(st, layer, ctx, verb, srcRaw, dest);
    return;
  }
  if (srcRaw.startsWith('<<')) {
    addItem(
      st,
      layer,
      makeItem('context', dest, 1 * H.KB, 'high', `${verb} of an inline heredoc file (≈ 1 kB)`, {
        file: true,
      }),
    );
    return;
  }
  if (ARCHIVE.test(name)) return copyArchive(st, ins, layer, name, dest, target(name));
  const { kind, bytes, conf, what, file } = contextSource(name, src, c);
  // Files land at dest/<name> (or dest itself); a folder's contents land in dest.
  const path = kind === 'node_modules' || kind === 'git' || file ? target(name) : dest;
  addItem(st, layer, makeItem(kind, path, bytes, conf, `${verb} of ${what}`, { file, origin: srcRaw }));
}

/** `COPY . .`: the whole build context, with .git and node_modules when no .dockerignore keeps them out. */
function copyWholeContext(
  st: StageState,
  layer: LayerRec,
  ctx: Ctx,
  verb: string,
  srcRaw: string,
  dest: string,
): void {
  const c = ctx.opts.context;
  addItem(
    st,
    layer,
    makeItem(
      'context',
      dest,
      c.sourceBytes,
      'low',
      `${verb} ${srcRaw} copies the whole build context: ≈ ${formatBytes(c.sourceBytes)} of source (assumed)`,
      { origin: '.' },
    ),
  );
  if (!c.hasDockerignore) {
    if (c.hasGit && c.gitBytes > 0)
      addItem(
        st,
        layer,
        makeItem(
          'git',
          `${dest === '/' ? '' : dest}/.git`,
          c.gitBytes,
          'low',
          `.git comes along because there is no .dockerignore (≈ ${formatBytes(c.gitBytes)}, assumed)`,
        ),
      );
    if (c.hasNodeModules && c.nodeModulesBytes > 0)
      addItem(
        st,
        layer,
        makeItem(
          'node_modules',
          `${dest === '/' ? '' : dest}/node_modules`,
          c.nodeModulesBytes,
          'low',
          `the local node_modules comes along because there is no .dockerignore (≈ ${formatBytes(c.nodeModulesBytes)}, assumed)`,
        ),
      );
  } else {
    layer.notes.push('the .dockerignore keeps .git and node_modules out (assumed)');
  }
}

/** An archive from the context: ADD unpacks a tar (not a zip), COPY keeps the file. */
function copyArchive(
  st: StageState,
  ins: CopyInstruction,
  layer: LayerRec,
  name: string,
  dest: string,
  target: string,
): void {
  const verb = ins.keyword === 'ADD' ? 'ADD' : 'COPY';
  const unpack = ins.keyword === 'ADD' && !/\.zip$/i.test(name);
  const ext = /\.(t?gz|xz|bz2|zst|zip|tar)$/i.exec(name)?.[1].toLowerCase() ?? 'gz';
  const bytes = unpack ? Math.round(H.UNKNOWN_DOWNLOAD * (H.EXTRACT_FACTOR[ext] ?? 3)) : H.UNKNOWN_DOWNLOAD;
  const kind: ContentKind = unpack ? 'extracted' : 'download';
  const what = unpack
    ? `${name}, which ADD unpacks (≈ ${formatBytes(bytes)}, guessed)`
    : `the archive ${name} (≈ ${formatBytes(bytes)}, guessed)`;
  const path = unpack ? dest : target;
  addItem(st, layer, makeItem(kind, path, bytes, 'low', `${verb} of ${what}`, { file: !unpack }));
}

interface SourceGuess {
  kind: ContentKind;
  bytes: number;
  conf: Confidence;
  what: string;
  file: boolean;
}

/** What one named source from the build context probably is, and how big. */
function contextSource(name: string, src: string, c: Ctx['opts']['context']): SourceGuess {
  let kind: ContentKind = 'context';
  let bytes: number;
  let conf: Confidence = 'medium';
  let what: string;
  let file = false;
  if (name === 'node_modules') {
    kind = 'node_modules';
    bytes = c.nodeModulesBytes;
    conf = 'low';
    what = `the local node_modules (≈ ${formatBytes(bytes)}, assumed)`;
  } else if (name === '.git') {
    kind = 'git';
    bytes = c.gitBytes;
    conf = 'low';
    what = `.git (≈ ${formatBytes(bytes)}, assumed)`;
  } else if (LOCKFILES.has(name)) {
    bytes = 300 * H.KB;
    what = `the lockfile ${name} (a few hundred kB)`;
    file = true;
  } else if (/[*?]/.test(name) && /json|lock|txt|toml|mod|sum/.test(name)) {
    bytes = 310 * H.KB;
    what = `the manifests ${name} (a few hundred kB with the lockfile)`;
    file = true;
  } else if (isManifest(name)) {
    bytes = 5 * H.KB;
    what = `${name} (a few kB)`;
    file = true;
  } else if (/\.(jar|war|ear)$/i.test(name)) {
    kind = 'jar';
    bytes = H.JAR_BYTES;
    conf = 'low';
    what = `the prebuilt ${name} (≈ ${formatBytes(bytes)}, typical)`;
    file = true;
  } else if (/^(dist|build|out|public|static|\.next)$/.test(name)) {
    kind = 'dist';
    bytes = H.JS_DIST;
    conf = 'low';
    what = `the prebuilt ${name}/ (≈ ${formatBytes(bytes)}, typical)`;
  } else if (CODE_FILE.test(name) || /\.[a-z0-9]{1,5}$/i.test(name)) {
    bytes = CODE_FILE.test(name) ? 20 * H.KB : 50 * H.KB;
    what = `${name} (a single file)`;
    file = true;
  } else {
    bytes = Math.round(c.sourceBytes * 0.5);
    conf = 'low';
    what = `the folder ${src}/ (≈ ${formatBytes(bytes)}: half the assumed source size)`;
  }
  return { kind, bytes, conf, what, file };
}

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

function remap(itemPath: string, query: string, dest: string, destIsDir: boolean, file: boolean): string {
  const q = query.replace(/\/\*$/, '');
  if (itemPath !== q && itemPath.startsWith(q === '/' ? '/' : q + '/')) {
    const rel = itemPath.slice(q === '/' ? 0 : q.length);
    return (dest === '/' ? '' : dest) + (rel.startsWith('/') ? rel : '/' + rel);
  }
  if (file || /[*?]/.test(query))
    return destIsDir ? `${dest === '/' ? '' : dest}/${basename(itemPath)}` : dest;
  return dest;
}

function copyFromStage(
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
    addItem(
      st,
      layer,
      makeItem(
        'other',
        dest,
        b,
        'low',
        `COPY --from=${stageName} names a stage that is not built before this one (≈ ${formatBytes(b)} guessed)`,
      ),
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
    addItem(
      st,
      layer,
      makeItem(
        'other',
        dest,
        b,
        'medium',
        `COPY --from=${stageName} / copies that stage's whole filesystem (≈ ${formatBytes(b)})`,
      ),
    );
    return;
  }
  const covered = items.filter((i) => relate(q, i) === 'covers');
  if (covered.length) return carryCovered(st, layer, covered, stageName, raw, q, dest, destIsDir);
  const known = H.KNOWN_BASE_PATHS.find((k) => k.pattern.test(q));
  if (known) {
    addItem(
      st,
      layer,
      makeItem(
        'base-file',
        remap(q, q, dest, destIsDir, true),
        known.bytes,
        'medium',
        `COPY --from=${stageName} ${raw} brings ${known.what} from that stage's base image (≈ ${formatBytes(known.bytes)})`,
        { file: true },
      ),
    );
    return;
  }
  const inside = items.filter((i) => relate(q, i) === 'inside').sort((a, b) => b.bytes - a.bytes)[0];
  if (inside) return takePart(st, layer, inside, stageName, raw, dest);
  addItem(
    st,
    layer,
    makeItem(
      'base-file',
      dest,
      H.UNKNOWN_BASE_PATH,
      'low',
      `COPY --from=${stageName} ${raw}: no instruction of that stage wrote ${q}, so it comes from its base image (≈ ${formatBytes(H.UNKNOWN_BASE_PATH)} guessed)`,
    ),
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
  addItem(
    st,
    layer,
    makeItem(
      inside.kind,
      dest,
      b,
      'low',
      `COPY --from=${stageName} ${raw} takes part of ${inside.path} (≈ ${formatBytes(b)}: ${tree ? 'a quarter of it' : 'a few files'}, guessed)`,
    ),
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
    addItem(
      st,
      layer,
      makeItem(i.kind, newPath, b, i.confidence, '', {
        compressedBytes: Math.round(b * ratio) || compressed(b, i.kind),
        file: i.file,
        aliases: remapAliases(i, q, dest, destIsDir),
        packages: i.packages,
        manager: i.manager,
      }),
    );
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
      addItem(
        st,
        layer,
        makeItem(
          'other',
          dest,
          b,
          res.entry ? res.confidence : 'low',
          `COPY --from=${image} / copies the whole image (≈ ${formatBytes(b)})`,
        ),
      );
      continue;
    }
    if (/(^|\/)uvx?$/.test(q) && /uv/.test(image)) {
      addItem(
        st,
        layer,
        makeItem(
          'binary',
          remap(q, q, dest, destIsDir, true),
          40 * H.MB,
          'medium',
          `COPY --from=${image} ${raw} brings the uv binary (≈ 40 MB)`,
          { file: true },
        ),
      );
      continue;
    }
    const known = H.KNOWN_BASE_PATHS.find((k) => k.pattern.test(q));
    const b = known ? known.bytes : H.UNKNOWN_BASE_PATH;
    addItem(
      st,
      layer,
      makeItem(
        'base-file',
        remap(q, q, dest, destIsDir, true),
        b,
        known ? 'medium' : 'low',
        `COPY --from=${image} ${raw} brings ${known ? known.what : 'files of that image'} (≈ ${formatBytes(b)}${known ? '' : ', guessed'})`,
        { file: !!known },
      ),
    );
  }
}
