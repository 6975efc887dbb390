// Files a RUN fetches, unpacks, copies or moves, and what its --mount flags keep out of the layer.
import * as H from '../heuristics';
import type { Confidence } from '../../types';
import { basename, liveBytes, makeItem, relate, resolvePath } from '../ledger';
import { formatBytes } from '../../primitives/bytes';
import { addNew, homeOf, liveItems } from '../context';
import { compressed, type ContentKind } from '../ratios';
import type { RunScope } from './scope';
import { addToolchain } from './installers';

export function download(
  s: RunScope,
  tool: string,
  url: string | null,
  output: string | null,
  /** The program the download is piped into (`curl … | sh`), when any. */
  pipedTo: string | null,
): void {
  const home = homeOf(s.st);
  if (tool === 'git') {
    const name = url ? basename(url).replace(/\.git$/, '') : 'repo';
    const dest = resolvePath(s.cwd, output ?? name, home);
    addNew(
      s.st,
      s.layer,
      'context',
      dest,
      H.GIT_CLONE,
      'low',
      `git clone of ${url ?? 'a repository'} (≈ ${formatBytes(H.GIT_CLONE)} with its .git, unknown repository)`,
    );
    return;
  }
  // The saved file's name tells what it is when the URL does not (`curl -o php.tar.xz.asc "$URL"`).
  const tc = (url ? H.findToolchain(url) : null) ?? (output ? H.findToolchain(basename(output)) : null);
  const bytes = tc ? tc.archive : H.UNKNOWN_DOWNLOAD;
  const conf: Confidence = tc ? 'medium' : 'low';
  if (!output && pipedTo) {
    if (pipedTo === 'sh' || pipedTo === 'bash') {
      const b = tc ? tc.installed : 50 * H.MB;
      const dest = tc && tc.name === 'rustup' ? `${home}/.rustup` : '/usr/local';
      addToolchain(
        s,
        dest,
        b,
        tc ? 'medium' : 'low',
        `an install script from ${shortUrl(url)} installs ${tc ? tc.name : 'software of unknown size'} (≈ ${formatBytes(b)}${tc ? '' : ', guessed'})`,
      );
      return;
    }
    s.streamed = { bytes, url, toolchain: tc };
    return;
  }
  if (!output) {
    // curl without -o/-O writes to stdout: nothing lands on disk.
    if (tool === 'curl') return;
  }
  const file = resolvePath(s.cwd, output ?? (url ? basename(url.split('?')[0]) : 'download'), home);
  addNew(
    s.st,
    s.layer,
    'download',
    file,
    bytes,
    conf,
    tc?.name === 'small file'
      ? `${tool} downloads ${shortUrl(url)} (a few kB)`
      : `${tool} downloads ${tc ? `the ${tc.name} ${tc.binary ? 'program' : 'archive'}` : shortUrl(url)} to ${file} (≈ ${formatBytes(bytes)}${tc ? '' : ', unknown file: guessed'})`,
    // A program downloaded as is (gosu, tini) compresses like one; an archive does not again.
    {
      file: true,
      note: url ?? undefined,
      ...(tc?.binary ? { compressedBytes: compressed(bytes, 'binary') } : {}),
    },
  );
}

function shortUrl(url: string | null): string {
  if (!url) return 'a file';
  const b = basename(url.split('?')[0]);
  return b || 'a file';
}

export function extract(
  s: RunScope,
  archive: string | null,
  destination: string | null,
  /** `--strip-components`: 0 keeps the archive's top folder. */
  strip: number,
): void {
  const home = homeOf(s.st);
  const dest = resolvePath(s.cwd, destination ?? '.', home);
  let packed = 0;
  let tc: H.Toolchain | null = null;
  let name = archive ?? 'an archive';
  if (!archive || archive === '-') {
    if (s.streamed) {
      packed = s.streamed.bytes;
      tc = s.streamed.toolchain;
      name = shortUrl(s.streamed.url);
      s.streamed = null;
    } else packed = H.UNKNOWN_DOWNLOAD;
  } else {
    const path = resolvePath(s.cwd, archive, home);
    const candidates = [...s.layer.items, ...liveItems(s.st)].filter(
      (i) => i.kind === 'download' || i.kind === 'context',
    );
    const found =
      candidates.find((i) => i.path === path) ??
      candidates.find((i) => basename(i.path) === basename(path) && i.kind === 'download');
    if (found) {
      packed = found.bytes;
      // The URL names the archive, else the name it was saved as (`wget -O ruby.tar.xz "$URL"`).
      tc = (found.note ? H.findToolchain(found.note) : null) ?? H.findToolchain(found.path);
    } else {
      tc = H.findToolchain(archive);
      packed = tc ? tc.archive : H.UNKNOWN_DOWNLOAD;
    }
  }
  const ext = /\.(t?gz|xz|bz2|zst|zip|tar)$/.exec(name)?.[1] ?? 'gz';
  const bytes = tc ? tc.installed : Math.round(packed * (H.EXTRACT_FACTOR[ext] ?? 3));
  if (tc?.builtInstall) s.unpacked = tc;
  const kind: ContentKind = tc && !tc.builtInstall ? 'toolchain' : 'extracted';
  // A source tarball unpacks into its own folder (App-cpanminus-1.7049.tar.gz →
  // App-cpanminus-1.7049/), which the RUN often removes by that name once it is built.
  const top = kind === 'extracted' && strip === 0 ? sourceFolder(name) : null;
  addNew(
    s.st,
    s.layer,
    kind,
    top ? `${dest === '/' ? '' : dest}/${top}` : dest,
    bytes,
    tc ? 'medium' : 'low',
    `unpacking ${tc ? `the ${tc.name} archive` : name} into ${dest} adds ≈ ${formatBytes(bytes)}${tc ? '' : ` (${H.EXTRACT_FACTOR[ext] ?? 3}× the archive, assumed)`}`,
    tc?.ratio ? { compressedBytes: Math.round(bytes / tc.ratio) } : {},
  );
}

/** The folder a versioned source tarball holds (`name-1.2.3.tar.gz` → `name-1.2.3`), or null. */
function sourceFolder(archive: string): string | null {
  const m = /^(.+-v?\d[\w.+~-]*)\.(?:tar\.(?:gz|xz|bz2|zst)|tgz|tbz2?|txz)$/.exec(basename(archive));
  return m ? m[1] : null;
}

/** chown/chmod -R of files from earlier layers copies each file up into this layer. */
export function copyUp(s: RunScope, tool: string, targets: string[]): void {
  let total = 0;
  const lines: number[] = [];
  for (const l of s.st.layers) {
    if (l === s.layer) continue;
    for (const i of l.items) {
      if (i.base || liveBytes(i) === 0) continue;
      if (!targets.some((t) => relate(t, i) === 'covers')) continue;
      const b = liveBytes(i);
      total += b;
      i.deleted = i.bytes;
      if (!lines.includes(l.line)) lines.push(l.line);
      s.layer.items.push(makeItem(i.kind, i.path, b, i.confidence, '', { aliases: i.aliases, file: i.file }));
    }
  }
  if (total > 0) {
    s.layer.notes.push(
      `${tool} -R rewrites ${formatBytes(total)} of files from line ${lines.join(', ')} into this layer (a metadata change copies whole files up), so those bytes are stored twice; use COPY --chown instead`,
    );
  } else if (targets.length) {
    s.layer.notes.push(
      `${tool} -R copies every file it changes into this layer (size of files from the base image unknown, ≈ 0 B assumed)`,
    );
  }
}

export function moveOrCopy(s: RunScope, tool: string, srcs: string[], dest: string): void {
  for (const src of srcs) {
    for (const l of s.st.layers) {
      for (const i of [...l.items]) {
        if (i.base || liveBytes(i) === 0) continue;
        if (relate(src, i) !== 'covers') continue;
        const rel = i.path === src ? '' : i.path.slice(src.length);
        const newPath = rel ? dest + rel : i.file ? `${dest}` : dest;
        if (l === s.layer && tool === 'mv') {
          i.path = newPath;
          continue;
        }
        s.layer.items.push(
          makeItem(
            i.kind,
            newPath,
            liveBytes(i),
            i.confidence,
            `${tool} of ${i.path} to ${newPath} (≈ ${formatBytes(liveBytes(i))})`,
            { file: i.file },
          ),
        );
        if (tool === 'mv') {
          i.deleted = i.bytes;
          s.layer.notes.push(
            `moving files from line ${l.line} stores them again here while the old copy stays in its layer`,
          );
        }
      }
    }
  }
}

export function applyMounts(s: RunScope): void {
  const home = homeOf(s.st);
  for (const m of s.ins.mounts) {
    if (!m.target) continue;
    if (m.type !== 'cache' && m.type !== 'tmpfs' && m.type !== 'bind' && m.type !== 'secret') continue;
    const target = resolvePath(s.cwd, m.target, home);
    let kept = 0;
    for (let k = s.layer.items.length - 1; k >= 0; k--) {
      const i = s.layer.items[k];
      if (relate(target, i) === 'covers') {
        kept += i.bytes;
        s.layer.items.splice(k, 1);
      }
    }
    if (kept > 0)
      s.layer.notes.push(
        `the --mount=type=${m.type} at ${target} keeps ${formatBytes(kept)} out of the layer`,
      );
  }
}
