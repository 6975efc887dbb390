// Measures real .deb packages: the bytes of each package's files by class (documentation, man
// pages, info/groff/lintian, translations) and the gzip size of its payload, for the packages that
// matter (the dependency closures of everything the corpus and the official images' published
// layers install). Writes src/data/debian-package-files.json (the derived table only; the .deb
// files are deleted after measuring).
//
// Usage: npx tsx scripts/data/measure-deb-files.ts [--suite bookworm|trixie]... [--limit N] [--corpus]
//        [--resample]   (measure again only the rows whose payload earlier runs sampled)
//
// The packages come through apt's own configuration: the archive address is read at run time from
// this machine's apt sources, the suite is swapped, and `apt-get update` / `apt-get download` run
// with scratch Dir::State::Lists and Dir::Cache folders (never the system's). No host name is
// written to any file.
//
// Why: Debian's slim images and Ubuntu's images drop documentation files on install (dpkg
// path-excludes), so an install there is smaller than the index's Installed-Size; and one
// compression ratio for every package is wrong by 2× between text-heavy and binary packages.
import { execFileSync, execSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { debianSources } from './build-debian-packages';
import { debianIndex, type DebianSuite } from '../../src/engine/size/packages';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const OUT = join(ROOT, 'src', 'data', 'debian-package-files.json');
const CORPUS = join(ROOT, '..', 'shared', 'corpus', 'dockerfiles');
const REPO_INFO = join(ROOT, '..', 'shared', 'data', 'repo-info');
const HISTORY = join(ROOT, 'scripts', 'data', 'repo-info-history.json');

/** Payloads this size and over were sampled on their first bytes by earlier runs (see --resample). */
const OLD_SAMPLE = 4_000_000;

/** File classes, in the order of the table's columns after [total, gzip]. */
export const CLASSES = ['doc', 'changelog', 'man', 'infoGroffLintian', 'locale', 'localeMo'] as const;
type FileClass = (typeof CLASSES)[number];

/** The class of one installed path ('./usr/share/...'), or null for files every image keeps. */
export function classify(path: string): FileClass | null {
  const p = path.replace(/^\.\//, '/');
  if (p.startsWith('/usr/share/doc/')) {
    if (/^\/usr\/share\/doc\/[^/]+\/copyright$/.test(p)) return null;
    if (/^\/usr\/share\/doc\/[^/]+\/changelog[^/]*$/.test(p)) return 'changelog';
    return 'doc';
  }
  if (p.startsWith('/usr/share/man/')) return 'man';
  if (/^\/usr\/share\/(info|groff|linda|lintian\/overrides)\//.test(p)) return 'infoGroffLintian';
  if (p.startsWith('/usr/share/locale/')) {
    if (/^\/usr\/share\/locale\/(locale\.alias|languages|all_languages|currency\/|l10n\/)/.test(p))
      return null;
    return /\/LC_MESSAGES\/[^/]+\.mo$/.test(p) ? 'localeMo' : 'locale';
  }
  return null;
}

/** Package names that `apt-get install` lines name (literal words only) in a text. */
function aptNames(text: string): string[] {
  const out: string[] = [];
  for (const m of text.replace(/\\\n/g, ' ').matchAll(/apt-get\s+(?:-\S+\s+)*install([^;&|)]*)/g))
    for (const w of m[1].split(/\s+/))
      if (/^[a-z0-9][a-z0-9.+-]+$/.test(w) && !/^(install|apt-get)$/.test(w)) out.push(w);
  return out;
}

/** The names the published official-image layers install (and the corpus's, with --corpus: about
 *  twice as many packages, which takes hours on a busy machine). */
function rootNames(withCorpus: boolean): string[] {
  const names = new Set<string>();
  if (withCorpus)
    for (const f of readdirSync(CORPUS))
      for (const n of aptNames(readFileSync(join(CORPUS, f), 'utf8'))) names.add(n);
  const records: { layers: { instruction: string }[] }[] = [];
  for (const f of readdirSync(REPO_INFO).filter((x) => x.endsWith('.json')))
    records.push(...(JSON.parse(readFileSync(join(REPO_INFO, f), 'utf8')) as typeof records));
  records.push(...(JSON.parse(readFileSync(HISTORY, 'utf8')) as { records: typeof records }).records);
  for (const r of records)
    for (const l of r.layers ?? []) for (const n of aptNames(l.instruction)) names.add(n);
  return [...names].sort();
}

interface Apt {
  opts: string[];
  dir: string;
}

function aptFor(suite: string): Apt {
  const src = debianSources()[0];
  if (!src) throw new Error('no Debian archive in the apt sources of this machine');
  const dir = mkdtempSync(join(tmpdir(), `debfiles-${suite}-`));
  mkdirSync(join(dir, 'lists', 'partial'), { recursive: true });
  mkdirSync(join(dir, 'cache', 'archives', 'partial'), { recursive: true });
  mkdirSync(join(dir, 'debs'));
  writeFileSync(
    join(dir, 'sources.list'),
    `deb [arch=amd64${src.signedBy ? ` signed-by=${src.signedBy}` : ''}] ${src.uri} ${suite} main\n`,
  );
  writeFileSync(join(dir, 'status'), '');
  const opts = [
    ...['-o', 'APT::Sandbox::User=root', '-o', `Dir::State::Lists=${join(dir, 'lists')}`],
    ...['-o', `Dir::Etc::SourceList=${join(dir, 'sources.list')}`, '-o', 'Dir::Etc::SourceParts=-'],
    ...['-o', `Dir::Cache=${join(dir, 'cache')}`, '-o', 'APT::Architectures=amd64'],
    ...['-o', 'Acquire::Languages=none', '-o', `Dir::State::status=${join(dir, 'status')}`],
    ...['-o', 'Dir::Etc::Preferences=/dev/null', '-o', 'Dir::Etc::PreferencesParts=-'],
  ];
  execFileSync('apt-get', ['update', '-qq', ...opts], { stdio: ['ignore', 'ignore', 'inherit'] });
  return { opts, dir };
}

/** The dependency closure (without Recommends) of the roots, from the bundled table of the suite
 *  (generated from the same index by build-debian-packages.ts); unknown roots are skipped. */
function closure(suite: string, roots: string[]): string[] {
  return debianIndex(suite as DebianSuite).closure(roots, { recommends: false, installed: null }).packages;
}

/** Python modules the install byte-compiles (dh_python3's py3compile, python3.X's own postinst):
 *  the .pyc files are written on install, so they are in the layer but not in the .deb. */
export function byteCompiled(path: string): boolean {
  return /^(\.\/|\/)usr\/lib\/python3(\.\d+)?\/.*\.py$/.test(path);
}

/** [bytes, gzip bytes] of the .pyc files that compiling the package's modules writes, measured by
 *  compiling them with this machine's python3 (`compileall`, as py3compile does). */
function measurePyc(file: string): [number, number] {
  const dir = mkdtempSync(join(tmpdir(), 'pyc-'));
  try {
    execFileSync('dpkg-deb', ['-x', file, dir]);
    const roots = [
      'usr/lib/python3',
      ...readdirSync(join(dir, 'usr/lib'))
        .filter((d) => /^python3\.\d+$/.test(d))
        .map((d) => `usr/lib/${d}`),
    ];
    const existing = roots.filter((r) => {
      try {
        return readdirSync(join(dir, r)).length > 0;
      } catch {
        return false;
      }
    });
    if (!existing.length) return [0, 0];
    // A module newer Python syntax rejects is skipped (compileall exits 1), as py3compile would.
    spawnSync('python3', ['-m', 'compileall', '-q', ...existing], { cwd: dir, stdio: 'ignore' });
    const list = `find ${existing.join(' ')} -name '*.pyc'`;
    const bytes = Number(
      execSync(`${list} -printf '%s\\n' | awk '{s+=$1} END {print s+0}'`, { cwd: dir }).toString().trim(),
    );
    const gz = Number(
      execSync(`${list} -print0 | tar --null -T - -cf - | gzip -6 | wc -c`, { cwd: dir }).toString().trim(),
    );
    return [bytes, bytes > 0 ? gz : 0];
  } catch {
    return [0, 0];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** [total, gzip, ...CLASSES, pycBytes, pycGzipBytes, ...UBUNTU_COLUMNS] bytes of one downloaded
 *  .deb's payload. */
export function measureDeb(file: string): number[] {
  const list = execFileSync('dpkg-deb', ['-c', file], { maxBuffer: 1 << 28 }).toString();
  const row = new Array(2 + CLASSES.length).fill(0) as number[];
  const files: [string, number][] = [];
  let python = false;
  for (const line of list.split('\n')) {
    // -rw-r--r-- root/root      1234 2024-01-01 00:00 ./usr/share/doc/x/changelog.gz
    const m = /^-\S*\s+\S+\s+(\d+)\s+\S+\s+\S+\s+(.+)$/.exec(line);
    if (!m) continue;
    const bytes = Number(m[1]);
    files.push([m[2], bytes]);
    row[0] += bytes;
    const c = classify(m[2]);
    if (c) row[2 + CLASSES.indexOf(c)] += bytes;
    if (byteCompiled(m[2])) python = true;
  }
  // The payload as a layer would store it: the whole file tree as a tar, gzip -6 (the registry's
  // blob). Not a sample of its first bytes: a tar is in path order, so its head is one kind of
  // file (locales: the already-gzipped charmaps first, 2.1× the whole payload's gzip size).
  row[1] = Number(
    execSync(`dpkg-deb --fsys-tarfile '${file}' | gzip -6 | wc -c`, { maxBuffer: 1 << 20 })
      .toString()
      .trim(),
  );
  return [...row, ...(python ? measurePyc(file) : [0, 0]), ...measureUbuntu(file, files)];
}

/** Columns after pycBytes/pycGzipBytes: what an Ubuntu image keeps of the package (see
 *  ubuntuDrops). */
export const UBUNTU_COLUMNS = ['changelogUpstream', 'changelogNative', 'ubuntuGzipBytes'] as const;

/**
 * The changelog files of a payload by who keeps them. Ubuntu's package builds (Launchpad's
 * pkgbinarymangler, pkgstripfiles) delete every `changelog.*` of /usr/share/doc but the package's
 * Debian changelog: `changelog.Debian.*`, or `changelog.*` in a native package that has no
 * `.Debian` one. So Debian's upstream changelogs (gnupg2's 430 kB in each of its binaries) are
 * not in Ubuntu's .debs; and Ubuntu 20.04's dpkg path-excludes keep only `changelog.Debian.*`,
 * dropping a native package's changelog too.
 */
export function changelogKinds(files: readonly (readonly [string, number])[]): {
  upstream: Set<string>;
  native: Set<string>;
} {
  const logs = files
    .map(([p]) => /^(?:\.\/|\/)usr\/share\/doc\/([^/]+)\/(changelog[^/]*)$/i.exec(p))
    .filter((m): m is RegExpExecArray => m !== null);
  const withDebian = new Set(logs.filter((m) => /^changelog\.Debian\./i.test(m[2])).map((m) => m[1]));
  const upstream = new Set<string>();
  const native = new Set<string>();
  for (const m of logs) {
    if (/^changelog\.Debian\./i.test(m[2])) continue;
    if (!withDebian.has(m[1]) && /^changelog\.gz$/i.test(m[2])) native.add(m[0]);
    else upstream.add(m[0]);
  }
  return { upstream, native };
}

/** Whether an Ubuntu image (22.04 on) lacks a path: Ubuntu's dpkg path-excludes (livecd-rootfs's
 *  minimized images: man pages, LC_MESSAGES/*.mo, /usr/share/doc except copyright and
 *  changelog.*) or the upstream changelogs Ubuntu's builds strip. */
export function ubuntuDrops(path: string, upstream: ReadonlySet<string>): boolean {
  const p = path.replace(/^\.\//, '/');
  if (upstream.has(path)) return true;
  if (p.startsWith('/usr/share/man/')) return true;
  if (/^\/usr\/share\/locale\/.*\/LC_MESSAGES\/.*\.mo$/.test(p)) return true;
  if (p.startsWith('/usr/share/doc/')) return !/\/(copyright|changelog\.[^/]*)$/.test(p);
  return false;
}

/** [upstream changelog bytes, native changelog bytes, gzip -6 of the tar of what Ubuntu keeps]. */
function measureUbuntu(file: string, files: [string, number][]): number[] {
  const { upstream, native } = changelogKinds(files);
  const sum = (set: Set<string>) => files.reduce((n, [p, b]) => n + (set.has(p) ? b : 0), 0);
  const dir = mkdtempSync(join(tmpdir(), 'ubuntu-'));
  try {
    execFileSync('dpkg-deb', ['-x', file, dir]);
    for (const [p] of files) if (ubuntuDrops(p, upstream)) rmSync(join(dir, p), { force: true });
    const gz = Number(
      execSync(`tar -cf - -C '${dir}' . | gzip -6 | wc -c`, { maxBuffer: 1 << 20 })
        .toString()
        .trim(),
    );
    return [sum(upstream), sum(native), gz];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The rows of a suite an earlier run measured on a sample of their payload (over OLD_SAMPLE bytes). */
function sampledRows(suite: string): Record<string, number[]> {
  return Object.fromEntries(Object.entries(readSuite(suite)).filter(([, r]) => r[0] > OLD_SAMPLE));
}

function measureSuite(
  suite: string,
  limit: number,
  withCorpus: boolean,
  resample: boolean,
): Record<string, number[]> {
  const apt = aptFor(suite);
  try {
    // Largest first: if a run is cut short, the bytes that matter most are measured.
    const ix = debianIndex(suite as DebianSuite);
    const kept = resample ? readSuite(suite) : {};
    const names = (resample ? Object.keys(sampledRows(suite)) : closure(suite, rootNames(withCorpus)))
      .sort((a, b) => (ix.installedBytes(b) ?? 0) - (ix.installedBytes(a) ?? 0))
      .slice(0, limit);
    console.error(`${suite}: ${names.length} packages ${resample ? 'to measure again' : 'in the closures'}`);
    const out: Record<string, number[]> = kept;
    const debs = join(apt.dir, 'debs');
    for (let i = 0; i < names.length; i += 50) {
      const batch = names.slice(i, i + 50);
      try {
        execFileSync('apt-get', ['download', ...batch, ...apt.opts], {
          cwd: debs,
          stdio: ['ignore', 'ignore', 'inherit'],
        });
      } catch {
        // a name that cannot be downloaded alone is skipped below
      }
      for (const f of readdirSync(debs).filter((x) => x.endsWith('.deb'))) {
        const name = decodeURIComponent(f.split('_')[0]);
        out[name] = measureDeb(join(debs, f));
        rmSync(join(debs, f));
      }
      write({ [suite]: out });
      console.error(`  ${Math.min(i + 50, names.length)}/${names.length}`);
    }
    return out;
  } finally {
    rmSync(apt.dir, { recursive: true, force: true });
  }
}

function readSuite(suite: string): Record<string, number[]> {
  return (
    (JSON.parse(readFileSync(OUT, 'utf8')) as { suites: Record<string, Record<string, number[]>> }).suites[
      suite
    ] ?? {}
  );
}

/** Writes the table, keeping suites measured by earlier runs (one per suite, possibly in parallel). */
function write(measured: Record<string, Record<string, number[]>>): void {
  let suites: Record<string, Record<string, number[]>> = {};
  try {
    suites = (JSON.parse(readFileSync(OUT, 'utf8')) as { suites: typeof suites }).suites;
  } catch {
    // first run
  }
  const doc = {
    about:
      "Files of real Debian .deb packages by class and the gzip size of each payload, measured by scripts/data/measure-deb-files.ts (apt-get download through this machine's apt configuration, dpkg-deb -c for file sizes, dpkg-deb --fsys-tarfile | gzip -6 of the whole payload for the layer's compressed size). Packages: the dependency closures (without Recommends) of every package that the published official-image layers (../shared/data/repo-info and scripts/data/repo-info-history.json) install, largest first; other suites' packages use these fractions by name, unmeasured ones the median.",
    measured: new Date().toISOString().slice(0, 10),
    layout: ['fileBytes', 'gzipBytes', ...CLASSES, 'pycBytes', 'pycGzipBytes', ...UBUNTU_COLUMNS],
    classes: {
      doc: '/usr/share/doc/* except copyright and changelog files',
      changelog: '/usr/share/doc/*/changelog*',
      man: '/usr/share/man/*',
      infoGroffLintian:
        '/usr/share/info/*, /usr/share/groff/*, /usr/share/linda/*, /usr/share/lintian/overrides/*',
      locale: '/usr/share/locale/* except locale.alias, languages, all_languages, currency/, l10n/ and *.mo',
      localeMo: '/usr/share/locale/*/LC_MESSAGES/*.mo',
      pycBytes:
        'not in the .deb: the .pyc files its postinst writes by byte-compiling /usr/lib/python3*/**/*.py (measured by compiling them with python3 -m compileall)',
      pycGzipBytes: 'those .pyc files as a tar, gzip -6',
      changelogUpstream:
        "/usr/share/doc/*/changelog* other than the package's Debian changelog (changelog.Debian.*, or changelog.gz in a native package): what Ubuntu's builds strip (pkgstripfiles)",
      changelogNative: 'changelog.gz of a package without changelog.Debian.* (its Debian changelog)',
      ubuntuGzipBytes:
        'the payload as an Ubuntu 22.04+ image keeps it (no man pages, .mo catalogues, docs other than copyright and changelog.*, nor upstream changelogs) as a tar, gzip -6',
    },
    suites: { ...suites, ...measured },
  };
  writeFileSync(OUT, JSON.stringify(doc) + '\n');
}

function main(): void {
  const args = process.argv.slice(2);
  const suites = args.flatMap((a, i) => (args[i - 1] === '--suite' ? [a] : []));
  const limitArg = args.indexOf('--limit');
  const limit = limitArg >= 0 ? Number(args[limitArg + 1]) : Infinity;
  for (const s of suites.length ? suites : ['trixie'])
    write({ [s]: measureSuite(s, limit, args.includes('--corpus'), args.includes('--resample')) });
  console.error(`wrote ${OUT}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
