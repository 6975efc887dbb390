// Builds src/data/debian-<suite>.json: a compact table of Debian binary packages (amd64, main)
// with installed/download sizes and dependency edges, from Debian's own Packages index.
//
// Usage:
//   npx tsx scripts/data/build-debian-packages.ts                    # bullseye, bookworm, trixie via apt
//   npx tsx scripts/data/build-debian-packages.ts --suite bullseye    # one suite (other suites' rows kept)
//   npx tsx scripts/data/build-debian-packages.ts --suite bookworm --index /path/to/Packages[.xz|.gz|.lz4]
//
// The index is obtained through apt's own configuration: the archive address is read at run time
// from this machine's apt sources (/etc/apt/sources.list.d), the suite name is swapped, and
// `apt-get update` downloads into a scratch directory (never into the system's lists). No archive
// host name is written to any file by this script.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { gzipSync } from 'node:zlib';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readProvenanceSection, writeProvenanceSection } from './provenance';
import { NOT_SEED, SEED_DEV_LIBS, SEED_NAMES, SEED_SECTIONS } from './debian-seed';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const OUT_DIR = join(ROOT, 'src', 'data');

interface Stanza {
  name: string;
  version: string;
  installedKiB: number;
  downloadKiB: number;
  priority: string;
  section: string;
  essential: boolean;
  depends: string[];
  recommends: string[];
  provides: string[];
}

/** Reads the machine's apt sources and returns the URIs (plus signed-by) that serve Debian's main archive. */
export function debianSources(): { uri: string; signedBy: string | null }[] {
  const dir = '/etc/apt/sources.list.d';
  const found: { uri: string; signedBy: string | null }[] = [];
  const files = [...readdirSync(dir).map((f) => join(dir, f)), '/etc/apt/sources.list'];
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    if (file.endsWith('.sources')) {
      for (const block of text.split(/\n\s*\n/)) {
        const fields = new Map<string, string>();
        for (const line of block.split('\n')) {
          if (line.startsWith('#')) continue;
          const m = /^([A-Za-z-]+):\s*(.*)$/.exec(line);
          if (m) fields.set(m[1].toLowerCase(), m[2].trim());
        }
        const suites = (fields.get('suites') ?? '').split(/\s+/);
        const comps = (fields.get('components') ?? '').split(/\s+/);
        if (fields.get('enabled') === 'no') continue;
        // The main archive (not -security / -updates): a suite that is a bare release name.
        if (
          !comps.includes('main') ||
          !suites.some((s) => /^(bookworm|trixie|bullseye|sid|stable|testing)$/.test(s))
        )
          continue;
        for (const uri of (fields.get('uris') ?? '').split(/\s+/).filter(Boolean))
          found.push({ uri, signedBy: fields.get('signed-by') ?? null });
      }
    } else if (file.endsWith('.list')) {
      for (const line of text.split('\n')) {
        const m =
          /^deb\s+(\[[^\]]*\]\s+)?(\S+)\s+(bookworm|trixie|bullseye|sid|stable|testing)\s+.*\bmain\b/.exec(
            line,
          );
        if (m) {
          const sb = m[1] ? /signed-by=(\S+?)[\s\]]/.exec(m[1]) : null;
          found.push({ uri: m[2], signedBy: sb ? sb[1] : null });
        }
      }
    }
  }
  return found;
}

/** Downloads the suite's main/binary-amd64 Packages index with apt into a scratch dir; returns its text. */
function fetchWithApt(suite: string): { text: string; release: string } {
  const sources = debianSources();
  if (sources.length === 0)
    throw new Error('no Debian main archive found in the apt sources of this machine');
  const scratch = mkdtempSync(join(tmpdir(), `debpkgs-${suite}-`));
  const lists = join(scratch, 'lists');
  mkdirSync(join(lists, 'partial'), { recursive: true });
  mkdirSync(join(scratch, 'cache', 'archives', 'partial'), { recursive: true });
  const listFile = join(scratch, 'sources.list');
  const { uri, signedBy } = sources[0];
  writeFileSync(
    listFile,
    `deb [arch=amd64${signedBy ? ` signed-by=${signedBy}` : ''}] ${uri} ${suite} main\n`,
  );
  try {
    execFileSync(
      'apt-get',
      [
        'update',
        '-qq',
        '-o',
        'APT::Sandbox::User=root',
        '-o',
        `Dir::State::Lists=${lists}`,
        '-o',
        `Dir::Etc::SourceList=${listFile}`,
        '-o',
        'Dir::Etc::SourceParts=-',
        '-o',
        `Dir::Cache=${join(scratch, 'cache')}`,
        '-o',
        'APT::Architectures=amd64',
        '-o',
        'Acquire::Languages=none',
        '-o',
        'Acquire::IndexTargets::deb::DEP-11::DefaultEnabled=false',
        '-o',
        'Acquire::IndexTargets::deb::Contents-deb::DefaultEnabled=false',
      ],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
    const files = readdirSync(lists);
    const pkg = files.find((f) => /_main_binary-amd64_Packages(\.[a-z0-9]+)?$/.test(f));
    const rel = files.find((f) => /_(InRelease|Release)$/.test(f));
    if (!pkg) throw new Error(`apt-get update produced no Packages index for ${suite}`);
    const text = readIndex(join(lists, pkg));
    const release = rel ? readFileSync(join(lists, rel), 'utf8') : '';
    return { text, release };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Reads an index file in any compression apt knows (apt-helper cat-file handles them all). */
function readIndex(path: string): string {
  return execFileSync('/usr/lib/apt/apt-helper', ['cat-file', path], { maxBuffer: 1 << 30 }).toString('utf8');
}

/** First alternative of each comma-separated relation, without version constraints or arch qualifiers. */
function relationNames(field: string | undefined): string[] {
  if (!field) return [];
  const out: string[] = [];
  for (const part of field.split(',')) {
    const first = part.split('|')[0].trim();
    const name = first
      .replace(/\s*\(.*$/, '')
      .replace(/:.*$/, '')
      .trim();
    if (name && !out.includes(name)) out.push(name);
  }
  return out;
}

function parsePackages(text: string): Map<string, Stanza> {
  const out = new Map<string, Stanza>();
  for (const block of text.split(/\n\n+/)) {
    if (!block.trim()) continue;
    const f: Record<string, string> = {};
    let last = '';
    for (const line of block.split('\n')) {
      if (line.startsWith(' ') || line.startsWith('\t')) {
        if (last) f[last] += ' ' + line.trim();
        continue;
      }
      const i = line.indexOf(':');
      if (i < 0) continue;
      last = line.slice(0, i);
      f[last] = line.slice(i + 1).trim();
    }
    const name = f['Package'];
    if (!name) continue;
    const s: Stanza = {
      name,
      version: f['Version'] ?? '',
      installedKiB: Number(f['Installed-Size'] ?? 0) || 0,
      downloadKiB: Math.max(1, Math.round((Number(f['Size'] ?? 0) || 0) / 1024)),
      priority: f['Priority'] ?? 'optional',
      section: f['Section'] ?? '',
      essential: f['Essential'] === 'yes',
      depends: [...relationNames(f['Pre-Depends']), ...relationNames(f['Depends'])],
      recommends: relationNames(f['Recommends']),
      provides: relationNames(f['Provides']),
    };
    // Keep the newest stanza when a name repeats (it should not in one suite/arch).
    if (!out.has(name)) out.set(name, s);
  }
  return out;
}

/** Three significant digits: the table's precision (±0.5%) is far finer than the model's. */
function round3(kib: number): number {
  if (kib < 1000) return kib;
  const e = 10 ** (Math.floor(Math.log10(kib)) - 2);
  return Math.round(kib / e) * e;
}

function compact(pkgs: Map<string, Stanza>) {
  const keep = new Set<string>();
  for (const p of pkgs.values()) {
    const section = p.section.replace(/^.*\//, '');
    const seed =
      p.priority === 'required' ||
      p.priority === 'important' ||
      p.priority === 'standard' ||
      SEED_NAMES.test(p.name) ||
      SEED_DEV_LIBS.test(p.name) ||
      (SEED_SECTIONS.has(section) && !NOT_SEED.test(p.name));
    if (seed) keep.add(p.name);
  }
  // virtual name → providers
  const providers = new Map<string, string[]>();
  for (const p of pkgs.values())
    for (const v of p.provides) {
      const l = providers.get(v) ?? [];
      l.push(p.name);
      providers.set(v, l);
    }
  // Add back the Depends/Recommends closure of what we keep, so no kept edge dangles.
  const queue = [...keep];
  while (queue.length) {
    const n = queue.pop()!;
    const p = pkgs.get(n);
    if (!p) continue;
    for (const d of [...p.depends, ...p.recommends]) {
      const targets = pkgs.has(d) ? [d] : (providers.get(d) ?? []).slice(0, 1);
      for (const t of targets)
        if (!keep.has(t)) {
          keep.add(t);
          queue.push(t);
        }
    }
  }
  const names = [...keep].sort();
  const index = new Map(names.map((n, i) => [n, i] as const));
  // Virtual packages (names that are not real packages) → kept providers; edges to them use a
  // negative index -(k+1) into `virtuals`.
  const virtualNames: string[] = [];
  const virtualIndex = new Map<string, number>();
  const vref = (v: string): number | null => {
    if (index.has(v)) return index.get(v)!;
    const provs = (providers.get(v) ?? []).filter((n) => keep.has(n));
    if (!provs.length) return null;
    if (!virtualIndex.has(v)) {
      virtualIndex.set(v, virtualNames.length);
      virtualNames.push(v);
    }
    return -(virtualIndex.get(v)! + 1);
  };
  const PRIO: Record<string, number> = { required: 0, important: 1, standard: 2, optional: 3, extra: 4 };
  const rows: (number | number[])[][] = [];
  for (const n of names) {
    const p = pkgs.get(n)!;
    const deps = p.depends.map(vref).filter((x): x is number => x !== null);
    const recs = p.recommends.map(vref).filter((x): x is number => x !== null);
    const row: (number | number[])[] = [
      round3(p.installedKiB),
      // download size as a percentage of the installed size (the .deb is xz/zstd-compressed)
      Math.max(1, Math.round((100 * p.downloadKiB) / Math.max(1, p.installedKiB))),
      (PRIO[p.priority] ?? 3) + (p.essential ? 8 : 0),
    ];
    if (deps.length || recs.length) row.push(deps);
    if (recs.length) row.push(recs);
    rows.push(row);
  }
  const virtuals = virtualNames.map((v) =>
    (providers.get(v) ?? []).filter((n) => keep.has(n)).map((n) => index.get(n)!),
  );
  return { names, rows, virtualNames, virtuals, dropped: pkgs.size - names.length };
}

function releaseDate(release: string): string | null {
  const m = /^Date:\s*(.+)$/m.exec(release);
  if (!m) return null;
  const d = new Date(m[1]);
  return isNaN(d.getTime()) ? null : d.toISOString().slice(0, 10);
}

/** The section's table rows with the rebuilt suites replaced (a one-suite run keeps the others'
 *  rows), in release order. */
function mergedRows(previous: string | null, rebuilt: Map<string, string>): string[] {
  const rows = new Map<string, string>();
  for (const line of (previous ?? '').split('\n')) {
    const m = /^\| ([a-z]+) \| \d{4}-/.exec(line);
    if (m) rows.set(m[1], line);
  }
  for (const [suite, line] of rebuilt) rows.set(suite, line);
  const order = ['buster', 'bullseye', 'bookworm', 'trixie', 'forky', 'sid'];
  return [...rows.entries()].sort(([a], [b]) => order.indexOf(a) - order.indexOf(b)).map(([, line]) => line);
}

function main() {
  const args = process.argv.slice(2);
  const get = (k: string) => {
    const i = args.indexOf(k);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const indexArg = get('--index');
  const suites = get('--suite') ? get('--suite')!.split(',') : ['bullseye', 'bookworm', 'trixie'];
  const stats = new Map<string, string>();
  for (const suite of suites) {
    const t0 = Date.now();
    let text: string;
    let asOf: string | null = null;
    let origin: string;
    if (indexArg) {
      text = readIndex(indexArg);
      origin = `Packages index given on the command line (main, binary-amd64)`;
    } else {
      const r = fetchWithApt(suite);
      text = r.text;
      asOf = releaseDate(r.release);
      origin = `Debian ${suite} main binary-amd64 Packages index, downloaded with apt-get from this machine's configured archive`;
    }
    const pkgs = parsePackages(text);
    const c = compact(pkgs);
    const table = {
      format: 1,
      suite,
      arch: 'amd64',
      asOf: asOf ?? new Date().toISOString().slice(0, 10),
      source: origin,
      /** Row layout: [installedKiB (3 significant digits), download size as % of installed, priority(0 required,1 important,2 standard,3 optional,4 extra; +8 essential), depends?, recommends?] */
      layout: ['installedKiB', 'downloadPercentOfInstalled', 'priority', 'depends', 'recommends'],
      totalInIndex: pkgs.size,
      names: c.names,
      rows: c.rows,
      virtualNames: c.virtualNames,
      virtuals: c.virtuals,
    };
    const out = join(OUT_DIR, `debian-${suite}.json`);
    const json = JSON.stringify(table);
    writeFileSync(out, json);
    stats.set(
      suite,
      `| ${suite} | ${table.asOf} | ${pkgs.size} | ${c.names.length} | ${c.virtualNames.length} | ${(json.length / 1e6).toFixed(2)} MB | ${(gzipSync(json, { level: 9 }).length / 1e3).toFixed(0)} kB |`,
    );
    console.log(
      `${suite}: ${pkgs.size} packages in index, ${c.names.length} kept (${c.dropped} dropped), ${c.virtualNames.length} virtual names -> ${out} (${Date.now() - t0} ms)`,
    );
  }
  if (!indexArg)
    writeProvenanceSection(
      'debian',
      [
        '| suite | index date | packages in index | kept | virtual names | raw | gzip -9 |',
        '|---|---|---:|---:|---:|---:|---:|',
        ...mergedRows(readProvenanceSection('debian'), stats),
      ].join('\n'),
    );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
