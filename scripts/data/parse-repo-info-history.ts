// Turns copies of docker-library/repo-info files into the records of
// scripts/data/repo-info-history.json, so the numbers of the old tags are reproducible from the
// files they were read from rather than transcribed by hand.
//
// Folder layout (a scratch folder, never the project): <dir>/<image>/remote/<tag>.md and,
// where one was read, <dir>/<image>/local/<tag>.md. Each file opens with a provenance comment
//   <!-- <owner>/<repo> repos/<image>/<remote|local>/<tag>.md@<commit> … -->
// because the files themselves do not name their commit. The copies may be abridged (long build
// scripts cut at "…", digests shortened, the other platforms left out): only the amd64 section's
// Total Size, Image ID, build history and layer sizes are read, and every layer size must be there.
// An optional `<!-- os: <alpine|debian|ubuntu> <release> (<why>) -->` comment states the OS release
// where neither the tag nor a local package list shows it; the record's notes repeat the reason.
//
// Usage: npx tsx scripts/data/parse-repo-info-history.ts [dir] [--write]
//   Prints each parsed record's summary; with --write, adds the new records to the history file.
//   Records already in the file stay as they are; a parsed record that disagrees with one is
//   reported (and the run fails), so the file only changes where the copies reproduce it.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const HISTORY = join(ROOT, 'scripts', 'data', 'repo-info-history.json');

type Os = 'debian' | 'ubuntu' | 'alpine';
export interface OsFacts {
  os: Os;
  osRelease: string;
  libc: 'glibc' | 'musl';
}
export interface HistoryRecord {
  image: string;
  tag: string;
  compressedBytes: number;
  asOf: string;
  osFacts: OsFacts;
  sourceRemote: string;
  layers: { instruction: string; compressedBytes: number }[];
  uncompressedBytes: number | null;
  sourceLocal: string | null;
  notes?: string;
}

/** The provenance comment: which repository, file and commit the copy was read from. */
function provenance(md: string, file: string): { repo: string; path: string; commit: string } {
  const m =
    /<!--\s*([\w.-]+\/[\w.-]+)\b[^\n]*?(repos\/[\w.-]+\/(?:remote|local)\/[\w.-]+\.md)@([0-9a-f]{40})/.exec(
      md,
    );
  if (!m) throw new Error(`${file}: no provenance comment (<!-- owner/repo repos/…md@commit -->)`);
  return { repo: m[1], path: m[2], commit: m[3] };
}

/** The linux/amd64 section of a remote file: from its heading to the next platform's. */
function amd64Section(md: string, file: string): string {
  const start = md.search(/^### `[^`]+` - linux; amd64\s*$/m);
  if (start < 0) throw new Error(`${file}: no linux; amd64 section`);
  const rest = md.slice(start + 4);
  const end = rest.search(/^### /m);
  return end < 0 ? rest : rest.slice(0, end);
}

const UNITS: Record<string, number> = { B: 1, KB: 1e3, MB: 1e6, GB: 1e9 };
const MONTHS = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ');

/** "Size: 31.4 MB (31396972 bytes)" → 31396972; "Size: 199.0 B" → 199. */
export function layerBytes(line: string): number | null {
  const m = /Size: ([\d.]+) (B|KB|MB|GB)(?: \((\d+) bytes\))?/.exec(line);
  if (!m) return null;
  if (m[3]) return Number(m[3]);
  if (m[2] !== 'B') throw new Error(`layer size without its byte count: ${line.trim()}`);
  return Math.round(Number(m[1]));
}

/** Dates printed as "Wed, 11 Jan 2023 02:39:07 GMT", as yyyy-mm-dd. */
function datesIn(text: string): string[] {
  return [...text.matchAll(/\b(\d{2}) (\w{3}) (\d{4}) \d{2}:\d{2}:\d{2} GMT/g)].map(
    (m) => `${m[3]}-${String(MONTHS.indexOf(m[2]) + 1).padStart(2, '0')}-${m[1]}`,
  );
}

/** The build history's instructions, one a line, without the date comments. */
function instructions(section: string, file: string): string[] {
  const block = /```dockerfile\n([\s\S]*?)```/.exec(section);
  if (!block) throw new Error(`${file}: no build history`);
  return block[1]
    .split('\n')
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter((l) => l && !l.startsWith('#'));
}

/**
 * Package lists held in variables (`ENV PHPIZE_DEPS=autoconf dpkg-dev …`, then `apt-get install
 * $PHPIZE_DEPS`) written out in the RUN lines, so the installed packages are readable from the
 * record. Only variables whose value is a plain list of package names are expanded.
 */
function expandPackageLists(history: string[]): string[] {
  const lists = new Map<string, string>();
  return history.map((line) => {
    const env = /^ENV (\w+)=(.*)$/.exec(line);
    if (env && env[2].split(' ').every((w) => /^[a-z0-9][a-z0-9.+-]*$/.test(w))) lists.set(env[1], env[2]);
    if (!line.startsWith('RUN ')) return line;
    return line.replace(/\$\{?(\w+)\}?/g, (whole, name: string) => lists.get(name) ?? whole);
  });
}

/**
 * Pairs the layers with the instructions that made them: ADD, COPY and RUN always make one; a
 * WORKDIR does when the builder created the folder, so it is counted only when the sizes need it.
 */
function pairLayers(history: string[], sizes: number[], file: string) {
  for (const makers of [/^(ADD|COPY|RUN) /, /^(ADD|COPY|RUN|WORKDIR) /]) {
    const made = history.filter((l) => makers.test(l));
    if (made.length === sizes.length)
      return made.map((instruction, i) => ({ instruction, compressedBytes: sizes[i] }));
  }
  throw new Error(`${file}: ${sizes.length} layers do not match the build history's instructions`);
}

/** Debian releases by base-files major version, and the default release of the images by date. */
const DEBIAN_BY_BASE_FILES: Record<string, string> = { '10': 'buster', '11': 'bullseye', '12': 'bookworm' };
const DEBIAN_DEFAULT_SINCE: [string, string][] = [
  ['2019-07-06', 'buster'],
  ['2021-08-14', 'bullseye'],
  ['2023-06-10', 'bookworm'],
];
/** Alpine releases and their release dates (the images move to a release within days). */
const ALPINE_SINCE: [string, string][] = [
  ['2018-06-26', '3.8'],
  ['2019-01-29', '3.9'],
  ['2019-06-19', '3.10'],
  ['2019-12-19', '3.11'],
  ['2020-05-29', '3.12'],
  ['2021-01-14', '3.13'],
  ['2021-06-15', '3.14'],
  ['2021-11-24', '3.15'],
  ['2022-05-23', '3.16'],
  ['2022-11-22', '3.17'],
  ['2023-05-09', '3.18'],
  ['2023-12-07', '3.19'],
  ['2024-05-22', '3.20'],
  ['2024-12-05', '3.21'],
];

function releaseAt(table: [string, string][], date: string): string {
  return table.filter(([since]) => since <= date).at(-1)?.[1] ?? table[0][1];
}

/**
 * The OS release, from the first source that shows it: the tag (alpine3.16, -buster), the local
 * file's package list (base-files, alpine-baselayout), the copy's `os:` comment, or the release
 * that was current when the rootfs layer was built.
 */
function osFactsOf(
  tag: string,
  remote: string,
  local: string | null,
  rootfsDate: string,
): { facts: OsFacts; note?: string } {
  const alpine = /alpine/.test(tag) || /\bapk (add|del)\b/.test(remote);
  const os: Os = alpine ? 'alpine' : 'debian';
  const libc = alpine ? 'musl' : 'glibc';
  const fromTag = alpine ? /alpine(\d+\.\d+)/.exec(tag)?.[1] : /(buster|bullseye|bookworm)/.exec(tag)?.[1];
  if (fromTag) return { facts: { os, osRelease: fromTag, libc } };
  const fromLocal = alpine
    ? /`alpine-baselayout(?:-data)?=(\d+\.\d+)/.exec(local ?? '')?.[1]
    : DEBIAN_BY_BASE_FILES[/`base-files=(\d+)\./.exec(local ?? '')?.[1] ?? ''];
  if (fromLocal) return { facts: { os, osRelease: fromLocal, libc } };
  const stated = /<!--\s*os: (alpine|debian|ubuntu) ([\w.]+) \(([^)]*)\)/.exec(remote);
  if (stated)
    return {
      facts: { os: stated[1] as Os, osRelease: stated[2], libc: stated[1] === 'alpine' ? 'musl' : 'glibc' },
      note: `OS release: ${stated[3]}.`,
    };
  const rel = releaseAt(alpine ? ALPINE_SINCE : DEBIAN_DEFAULT_SINCE, rootfsDate);
  return {
    facts: { os, osRelease: rel, libc },
    note: `OS release inferred from the build date (${rel} was the current ${alpine ? 'Alpine' : 'default Debian'} release when the rootfs layer was built, ${rootfsDate}).`,
  };
}

/** "Virtual Size: ~ 174.51 Mb" of a local file, in bytes (the file prints two decimals). */
export function virtualBytes(local: string): number | null {
  const m = /Virtual Size: ~ ([\d.]+) (Kb|Mb|Gb)/.exec(local);
  return m ? Math.round(Number(m[1]) * { Kb: 1e3, Mb: 1e6, Gb: 1e9 }[m[2] as 'Kb' | 'Mb' | 'Gb']) : null;
}

function sourceOf(p: { repo: string; path: string; commit: string }, imageId: string): string {
  const mirror =
    p.repo === 'docker-library/repo-info' ? '' : `${p.repo}, a copy of docker-library/repo-info; `;
  return `${p.path}@${p.commit} (${mirror}amd64 Image ID sha256:${imageId})`;
}

/** One record from a remote copy and, if read, the local copy of the same tag. */
export function parseRecord(image: string, tag: string, remote: string, local: string | null): HistoryRecord {
  const file = `${image}/remote/${tag}.md`;
  const where = provenance(remote, file);
  const section = amd64Section(remote, file);
  const total = Number(/Total Size: \*\*[^(]*\((\d+) bytes\)/.exec(section)?.[1]);
  const imageId = /Image ID: `sha256:([0-9a-f]{12})/.exec(section)?.[1];
  if (!total || !imageId) throw new Error(`${file}: no Total Size or Image ID in the amd64 section`);
  const layerPart = section.slice(section.indexOf('Layers:'));
  const sizes = layerPart
    .split(/\n\s*-\s*`sha256:/)
    .slice(1)
    .map((chunk) => layerBytes(chunk));
  if (sizes.some((s) => s == null)) throw new Error(`${file}: a layer without its size`);
  const sum = (sizes as number[]).reduce((a, b) => a + b, 0);
  if (sum !== total) throw new Error(`${file}: layers add up to ${sum}, Total Size is ${total}`);
  const layers = pairLayers(expandPackageLists(instructions(section, file)), sizes as number[], file);
  const rootfsDate = datesIn(layerPart.split(/\n\s*-\s*`sha256:/)[1])[0];
  const { facts, note } = osFactsOf(tag, remote, local, rootfsDate);
  // The rootfs layer's file hash says nothing to a reader; its OS release does.
  if (/^ADD file:[0-9a-f]+ in \/$/.test(layers[0].instruction))
    layers[0].instruction = `ADD file:… in / (${facts.os} ${facts.osRelease} rootfs)`;
  const record: HistoryRecord = {
    image,
    tag,
    compressedBytes: total,
    asOf: datesIn(section).sort().at(-1)!,
    osFacts: facts,
    sourceRemote: sourceOf(where, imageId),
    layers,
    uncompressedBytes: null,
    sourceLocal: null,
  };
  if (local) {
    const lp = provenance(local, `${image}/local/${tag}.md`);
    const localId = /Image ID: `sha256:([0-9a-f]{12})/.exec(local)?.[1];
    if (localId !== imageId)
      throw new Error(`${image}:${tag}: the local file describes image ${localId}, the remote ${imageId}`);
    record.uncompressedBytes = virtualBytes(local);
    record.sourceLocal = `${lp.path}@${lp.commit} (Virtual Size, printed to two decimals)`;
  }
  if (note) record.notes = note;
  return record;
}

/** Every record the folder's copies make, sorted by image and tag. */
export function parseFolder(dir: string): HistoryRecord[] {
  const out: HistoryRecord[] = [];
  for (const image of readdirSync(dir).sort()) {
    const remoteDir = join(dir, image, 'remote');
    if (!existsSync(remoteDir)) continue;
    for (const name of readdirSync(remoteDir)
      .filter((f) => f.endsWith('.md'))
      .sort()) {
      const tag = name.slice(0, -3);
      const localFile = join(dir, image, 'local', name);
      const local = existsSync(localFile) ? readFileSync(localFile, 'utf8') : null;
      out.push(parseRecord(image, tag, readFileSync(join(remoteDir, name), 'utf8'), local));
    }
  }
  return out;
}

/** Sizes that must agree between a parsed record and the one already in the history file. */
function sizeKey(r: Pick<HistoryRecord, 'compressedBytes' | 'layers'>): string {
  return [r.compressedBytes, ...r.layers.map((l) => l.compressedBytes)].join(',');
}

function main(): void {
  const args = process.argv.slice(2);
  const dir = args.find((a) => !a.startsWith('--')) ?? '/tmp/repo-info-md';
  const doc = JSON.parse(readFileSync(HISTORY, 'utf8')) as { about: string; records: HistoryRecord[] };
  const known = new Map(doc.records.map((r) => [`${r.image}:${r.tag}`, r]));
  const added: HistoryRecord[] = [];
  let disagreements = 0;
  for (const r of parseFolder(dir)) {
    const key = `${r.image}:${r.tag}`;
    const old = known.get(key);
    const mb = (n: number) => (n / 1e6).toFixed(1);
    console.log(
      `${key.padEnd(28)} ${mb(r.compressedBytes).padStart(6)} MB  ${r.layers.length} layers  ${r.osFacts.os} ${r.osFacts.osRelease}  ${r.asOf}${old ? (sizeKey(old) === sizeKey(r) ? '  (reproduces the stored record)' : '  DIFFERS from the stored record') : ''}`,
    );
    if (old && sizeKey(old) !== sizeKey(r)) disagreements++;
    if (!old) added.push(r);
  }
  if (disagreements) throw new Error(`${disagreements} parsed record(s) disagree with the history file`);
  if (!args.includes('--write')) return;
  doc.records.push(...added);
  // Non-ASCII written as \u escapes, as the file has always been, so old records stay byte-identical.
  const text = JSON.stringify(doc, null, 2).replace(
    /[\u0080-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  writeFileSync(HISTORY, text + '\n');
  console.log(`${added.length} record(s) added to ${HISTORY}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
