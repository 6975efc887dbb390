// Measures /var/lib/apt/lists after `apt-get update` as a Debian official image has it: the
// image's three sources (<suite>, <suite>-updates, <suite>-security, component main, amd64) with
// the image's apt configuration (docker-gzip-indexes: Acquire::GzipIndexes "true";
// docker-no-languages: Acquire::Languages "none"), and for comparison without GzipIndexes.
//
// The archive URIs come from this machine's apt sources (no host name is written here); apt
// downloads into scratch directories, so the system's own lists are untouched.
// Usage: npx tsx scripts/data/measure-apt-lists.ts   → prints JSON, pasted into heuristics.ts
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

interface Source {
  uri: string;
  signedBy: string | null;
  security: boolean;
}

/** The machine's Debian archive and security archive URIs (deb822 .sources files). */
function sources(): Source[] {
  const dir = '/etc/apt/sources.list.d';
  const out: Source[] = [];
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.sources'))) {
    for (const block of readFileSync(join(dir, f), 'utf8').split(/\n\s*\n/)) {
      const fields = new Map<string, string>();
      for (const line of block.split('\n')) {
        const m = /^([A-Za-z-]+):\s*(.*)$/.exec(line);
        if (m && !line.startsWith('#')) fields.set(m[1].toLowerCase(), m[2].trim());
      }
      const suites = fields.get('suites') ?? '';
      if (!/\bmain\b/.test(fields.get('components') ?? '') || !fields.get('uris')) continue;
      out.push({
        uri: fields.get('uris')!.split(/\s+/)[0],
        signedBy: fields.get('signed-by') ?? null,
        security: /-security/.test(suites),
      });
    }
  }
  return out;
}

function duBytes(dir: string): number {
  let total = 0;
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    const st = statSync(p);
    if (st.isDirectory()) total += f === 'partial' ? 0 : duBytes(p);
    else if (f !== 'lock') total += st.size;
  }
  return total;
}

function measure(
  suite: string,
  gzip: boolean,
): { bytes: number; gzipBytes: number; files: Record<string, number> } {
  const all = sources();
  const main = all.find((s) => !s.security);
  const sec = all.find((s) => s.security);
  if (!main || !sec) throw new Error('no Debian archive and security sources on this machine');
  const scratch = mkdtempSync(join(tmpdir(), `aptlists-${suite}-`));
  const lists = join(scratch, 'lists');
  mkdirSync(join(lists, 'partial'), { recursive: true });
  mkdirSync(join(scratch, 'cache', 'archives', 'partial'), { recursive: true });
  const line = (s: Source, suites: string) =>
    `deb [arch=amd64${s.signedBy ? ` signed-by=${s.signedBy}` : ''}] ${s.uri} ${suites} main\n`;
  const listFile = join(scratch, 'sources.list');
  writeFileSync(
    listFile,
    line(main, suite) + line(main, `${suite}-updates`) + line(sec, `${suite}-security`),
  );
  try {
    execFileSync(
      'apt-get',
      [
        'update',
        '-qq',
        ...['-o', 'APT::Sandbox::User=root', '-o', `Dir::State::Lists=${lists}`],
        ...['-o', `Dir::Etc::SourceList=${listFile}`, '-o', 'Dir::Etc::SourceParts=-'],
        ...['-o', `Dir::Cache=${join(scratch, 'cache')}`, '-o', 'APT::Architectures=amd64'],
        ...['-o', 'Acquire::Languages=none', '-o', `Acquire::GzipIndexes=${gzip}`],
        ...['-o', 'Acquire::IndexTargets::deb::DEP-11::DefaultEnabled=false'],
      ],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
    const files: Record<string, number> = {};
    // What the lists add to a layer blob: each file gzip-compressed (the layer tarball's gzip).
    let gzipBytes = 0;
    for (const f of readdirSync(lists))
      if (f !== 'partial' && f !== 'lock' && statSync(join(lists, f)).isFile()) {
        files[f.replace(/^.*?_dists_/, '')] = statSync(join(lists, f)).size;
        gzipBytes += gzipSync(readFileSync(join(lists, f)), { level: 6 }).length;
      }
    return { bytes: duBytes(lists), gzipBytes, files };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

const result: Record<string, unknown> = { measured: new Date().toISOString().slice(0, 10) };
for (const suite of ['bookworm', 'trixie']) {
  const gz = measure(suite, true);
  const plain = measure(suite, false);
  result[suite] = {
    gzipIndexes: gz.bytes,
    gzipIndexesInLayer: gz.gzipBytes,
    uncompressed: plain.bytes,
    uncompressedInLayer: plain.gzipBytes,
    files: gz.files,
  };
}
console.log(JSON.stringify(result, null, 1));
