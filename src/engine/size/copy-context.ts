// COPY and ADD from the build context: what a named source probably is and how big, the whole
// context with what comes along without a .dockerignore, archives ADD unpacks, and the assumptions
// about the context that the estimate states.
import type { CopyInstruction } from '../model';
import type { Confidence } from '../types';
import type { LayerRec, StageState } from './ledger';
import { basename } from './ledger';
import { formatBytes } from '../primitives/bytes';
import type { Ctx } from './context';
import { addNew } from './context';
import type { ContentKind } from './ratios';
import * as H from './heuristics';
import { LOCKFILES, isManifestName } from '../ecosystems';

// Small files besides the ecosystems' manifests (those come from the ecosystem modules).
const SMALL_FILE =
  /^(requirements[\w.-]*\.(txt|in)|gradlew|.*\.props|tsconfig[\w.-]*\.json|\.env[\w.-]*|Dockerfile|.*\.(conf|ini|cfg|ya?ml|toml|json|xml|properties|sh|txt|md|html|lock))$/i;
const isManifest = (name: string) => isManifestName(name) || SMALL_FILE.test(name);
const CODE_FILE = /\.(py|js|mjs|cjs|ts|go|rb|php|java|kt|rs|c|cc|cpp|h|cs|pl|lua|r)$/i;
const ARCHIVE = /\.(tar(\.(gz|xz|bz2|zst))?|tgz|txz|tbz2?|zip)$/i;
const WHOLE = new Set(['.', './', '*', './*', '/', '']);

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

export function copyFromContext(
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
    addNew(st, layer, 'context', dest, 1 * H.KB, 'high', `${verb} of an inline heredoc file (≈ 1 kB)`, {
      file: true,
    });
    return;
  }
  if (ARCHIVE.test(name)) return copyArchive(st, ins, layer, name, dest, target(name));
  const { kind, bytes, conf, what, file } = contextSource(name, src, c);
  // Files land at dest/<name> (or dest itself); a folder's contents land in dest.
  const path = kind === 'node_modules' || kind === 'git' || file ? target(name) : dest;
  addNew(st, layer, kind, path, bytes, conf, `${verb} of ${what}`, { file, origin: srcRaw });
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
  addNew(
    st,
    layer,
    'context',
    dest,
    c.sourceBytes,
    'low',
    `${verb} ${srcRaw} copies the whole build context: ≈ ${formatBytes(c.sourceBytes)} of source (assumed)`,
    { origin: '.' },
  );
  if (!c.hasDockerignore) {
    if (c.hasGit && c.gitBytes > 0)
      addNew(
        st,
        layer,
        'git',
        `${dest === '/' ? '' : dest}/.git`,
        c.gitBytes,
        'low',
        `.git comes along because there is no .dockerignore (≈ ${formatBytes(c.gitBytes)}, assumed)`,
      );
    if (c.hasNodeModules && c.nodeModulesBytes > 0)
      addNew(
        st,
        layer,
        'node_modules',
        `${dest === '/' ? '' : dest}/node_modules`,
        c.nodeModulesBytes,
        'low',
        `the local node_modules comes along because there is no .dockerignore (≈ ${formatBytes(c.nodeModulesBytes)}, assumed)`,
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
  addNew(st, layer, kind, path, bytes, 'low', `${verb} of ${what}`, { file: !unpack });
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
