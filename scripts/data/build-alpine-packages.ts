// Builds src/data/alpine-packages.json: per Alpine release, the installed size of each package
// seen in public data (and its dependencies where an APKINDEX record gives them), plus the
// Alpine/Debian size ratio measured on the packages present in both.
//
// Usage: npx tsx scripts/data/build-alpine-packages.ts <dir>
//
// <dir> holds the evidence, read with the search tool's read_file (not committed: shared data
// stays out of the project):
//   * docker-library/repo-info `repos/<image>/local/<tag>.md` files of Alpine-based images (the
//     whole file, or only its `<name>-<version> installed size:` / `<n> B|KiB|MiB` line pairs; a
//     `source: repos/...@<commit>` line names the file). `apk info` prints sizes in whole KiB/MiB
//     above 1 KiB, so these sizes are rounded to the unit shown.
//   * APKINDEX text (files named APKINDEX*, records of P:/V:/I:/D:/p: lines; a `# source:` line
//     names the repository and commit). I: is the exact installed size in bytes; D: the
//     dependencies, resolved through the p: provides of the same index.
// The release of each source is the version of its alpine-release package (3.24.2 → 3.24).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeProvenanceSection } from './provenance';
import { debianIndex, toDebianNames, ALPINE_BASE_PACKAGES } from '../../src/engine/size/packages';
import type { AlpinePackageRow, AlpineTableDoc } from '../../src/engine/size/alpine';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const OUT = join(ROOT, 'src', 'data', 'alpine-packages.json');

interface Seen {
  name: string;
  bytes: number;
  releaseVersion: string;
  deps?: string[];
}

const UNIT: Record<string, number> = { B: 1, KiB: 1024, MiB: 1024 * 1024, GiB: 1024 ** 3 };

/** Packages and sizes of a repo-info local file (or its installed-size lines). */
export function parseRepoInfoSizes(text: string): { name: string; version: string; bytes: number }[] {
  const out: { name: string; version: string; bytes: number }[] = [];
  const lines = text.split('\n');
  for (let i = 0; i + 1 < lines.length; i++) {
    const head = /^(\S+?)-([^-\s]+-r\d+) installed size:$/.exec(lines[i].trim());
    if (!head) continue;
    const size = /^([\d.]+) (B|KiB|MiB|GiB)$/.exec(lines[i + 1].trim());
    // Older repo-info files print a bare byte count.
    const bare = /^(\d+)$/.exec(lines[i + 1].trim());
    const bytes = size ? Math.round(parseFloat(size[1]) * UNIT[size[2]]) : bare ? Number(bare[1]) : null;
    if (bytes !== null) out.push({ name: head[1], version: head[2], bytes });
  }
  return out;
}

interface IndexRecord {
  name: string;
  version: string;
  bytes: number;
  depends: string[];
  provides: string[];
}

/** Records of APKINDEX text (P:, V:, I:, D:, p:). */
export function parseApkIndex(text: string): IndexRecord[] {
  const out: IndexRecord[] = [];
  for (const block of text.split(/\n\s*\n/)) {
    const f = new Map<string, string>();
    for (const line of block.split('\n')) {
      const m = /^([A-Za-z]):(.*)$/.exec(line);
      if (m) f.set(m[1], m[2]);
    }
    const name = f.get('P');
    if (!name) continue;
    out.push({
      name,
      version: f.get('V') ?? '',
      bytes: Number(f.get('I') ?? 0),
      depends: (f.get('D') ?? '').split(/\s+/).filter(Boolean),
      provides: (f.get('p') ?? '').split(/\s+/).filter(Boolean),
    });
  }
  return out;
}

const bare = (token: string) => token.replace(/[<>=~].*$/, '');

/** D: entries resolved to package names of the same index (conflicts `!x` dropped). */
export function resolveDepends(records: IndexRecord[], keepUnresolved = false): Map<string, string[]> {
  const provider = new Map<string, string>();
  for (const r of records) {
    provider.set(r.name, r.name);
    for (const p of r.provides) if (!provider.has(bare(p))) provider.set(bare(p), r.name);
  }
  const out = new Map<string, string[]>();
  for (const r of records) {
    const deps = new Set<string>();
    for (const d of r.depends) {
      if (d.startsWith('!')) continue;
      const to = provider.get(bare(d));
      if (to && to !== r.name) deps.add(to);
      // A plain package name outside the excerpt is kept: the engine looks it up in the whole table.
      else if (!to && keepUnresolved && /^[a-z0-9][a-z0-9+._-]*$/.test(bare(d))) deps.add(bare(d));
    }
    out.set(r.name, [...deps].sort());
  }
  return out;
}

function releaseOf(version: string): string {
  return /^(\d+\.\d+)/.exec(version)?.[1] ?? version;
}

const versionKey = (v: string) =>
  v
    .split(/[.-]/)
    .map((p) => p.padStart(6, '0'))
    .join('.');

export function buildTable(dir: string): AlpineTableDoc {
  const sources: string[] = [];
  const seen = new Map<string, Map<string, Seen & { src: number }>>();
  const provides = new Map<string, Map<string, string>>();
  // Which images of a release hold each package: a dependency must be in every image its
  // dependant is in (apk installs both), which rules out Debian-only dependencies later.
  const images = new Map<string, Map<string, Set<number>>>();
  const keep = (release: string, s: Seen, src: number) => {
    const rel = seen.get(release) ?? new Map();
    seen.set(release, rel);
    const prev = rel.get(s.name);
    // The newest build of the release wins (3.24.2 over 3.24.1); an index record's deps are kept.
    if (!prev || versionKey(s.releaseVersion) > versionKey(prev.releaseVersion))
      rel.set(s.name, { ...s, deps: s.deps ?? prev?.deps, src });
    else if (s.deps && !prev.deps) prev.deps = s.deps;
  };
  for (const file of readdirSync(dir).sort()) {
    const text = readFileSync(join(dir, file), 'utf8');
    if (file.startsWith('APKINDEX')) {
      const records = parseApkIndex(text);
      // A `# release: X` line places records that carry no alpine-release (an APKBUILD's depends).
      const rel =
        records.find((r) => r.name === 'alpine-release')?.version ??
        /^# release: (\S+)$/m.exec(text)?.[1] ??
        '';
      const src = sources.push(/^# source: (.*)$/m.exec(text)?.[1] ?? file) - 1;
      const deps = resolveDepends(records, true);
      const release = releaseOf(rel);
      const prov = provides.get(release) ?? new Map<string, string>();
      provides.set(release, prov);
      for (const r of records) {
        for (const p of r.provides)
          if (!/^(so|cmd|pc):/.test(p) && !p.startsWith('/')) prov.set(bare(p), r.name);
        keep(release, { name: r.name, bytes: r.bytes, releaseVersion: rel, deps: deps.get(r.name) }, src);
      }
    } else {
      const pkgs = parseRepoInfoSizes(text);
      const rel = pkgs.find((p) => p.name === 'alpine-release')?.version.replace(/-r\d+$/, '');
      if (!rel) continue;
      const header = /^# `([^`]+)`/m.exec(text)?.[1] ?? file;
      const src = sources.push(`${header}: ${/^source: (.*)$/m.exec(text)?.[1] ?? file}`) - 1;
      const inRelease = images.get(releaseOf(rel)) ?? new Map<string, Set<number>>();
      images.set(releaseOf(rel), inRelease);
      for (const p of pkgs) {
        keep(releaseOf(rel), { name: p.name, bytes: p.bytes, releaseVersion: rel }, src);
        inRelease.set(p.name, (inRelease.get(p.name) ?? new Set()).add(src));
      }
    }
  }
  const releases: AlpineTableDoc['releases'] = {};
  for (const release of [...seen.keys()].sort()) {
    const packages: Record<string, AlpinePackageRow> = {};
    for (const [name, s] of [...seen.get(release)!].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const row: AlpinePackageRow = { bytes: s.bytes, src: s.src };
      if (s.deps) row.deps = s.deps;
      const inImages = images.get(release)?.get(name);
      if (inImages) row.in = [...inImages].sort((x, y) => x - y);
      packages[name] = row;
    }
    releases[release] = {
      packages,
      provides: Object.fromEntries([...(provides.get(release) ?? [])].sort()),
    };
  }
  return { about: ABOUT, sources, releases, debianRatio: measureRatio(releases) };
}

const ABOUT =
  'Installed sizes of Alpine packages (x86_64) per release, measured: docker-library/repo-info local files of Alpine-based official images (apk info installed size, rounded to the unit shown) and APKINDEX records (exact I: bytes, D: dependencies). Built by scripts/data/build-alpine-packages.ts; see src/data/PROVENANCE.md.';

/**
 * Median Alpine/Debian installed-size ratio over the packages (outside the minirootfs) whose
 * Alpine name maps to one Debian trixie package: what a package with no Alpine figure is scaled by.
 */
function measureRatio(releases: AlpineTableDoc['releases']): AlpineTableDoc['debianRatio'] {
  const ix = debianIndex('trixie');
  const newest = Object.keys(releases).sort(
    (a, b) => Object.keys(releases[b].packages).length - Object.keys(releases[a].packages).length,
  )[0];
  const ratios: number[] = [];
  const pairs: string[] = [];
  for (const [name, row] of Object.entries(releases[newest].packages)) {
    if (ALPINE_BASE_PACKAGES.includes(name) || row.bytes < 4096) continue;
    const deb = toDebianNames(name, ix);
    const debBytes = deb?.length === 1 ? ix.installedBytes(deb[0]) : null;
    if (!debBytes) continue;
    ratios.push(row.bytes / debBytes);
    pairs.push(`${name}→${deb![0]}`);
  }
  ratios.sort((a, b) => a - b);
  const value = Math.round(ratios[Math.floor(ratios.length / 2)] * 1000) / 1000;
  return {
    value,
    count: ratios.length,
    basis: `median of Alpine ${newest} installed size / Debian trixie installed size over ${ratios.length} packages present in both: ${pairs.join(', ')}`,
  };
}

function provenance(doc: AlpineTableDoc): string {
  const rel = Object.entries(doc.releases)
    .map(([r, t]) => `${r}: ${Object.keys(t.packages).length} packages`)
    .join('; ');
  return [
    '### Alpine packages (src/data/alpine-packages.json)',
    '',
    `Built by \`scripts/data/build-alpine-packages.ts\` from ${doc.sources.length} public sources (${rel}):`,
    '',
    ...doc.sources.map((s) => `* ${s}`),
    '',
    "Sizes: repo-info's `apk info` installed size (rounded to the KiB or MiB it prints; the evidence",
    "keeps each image's packages beyond the minirootfs) and the exact `I:` bytes of the APKINDEX records.",
    'Each row also lists the measured images holding the package (`in`).',
    '',
    'Dependencies (src/engine/size/alpine.ts): the `D:` of the APKINDEX records, resolved through `p:`.',
    'No full APKINDEX of any release was reachable, so for any other measured package they are the',
    "packages of its Debian trixie equivalent's closure that Alpine has (measured; Debian names mapped",
    'to Alpine ones by name, library stem or an explicit list) and that every measured image holding',
    "the package also holds (apk installs a package's dependencies with it). Debian-only members (curl's",
    'Kerberos, LDAP and RTMP libraries, the split parts of gcc) are left out and listed in the basis.',
    "Debian's base image stands for the minirootfs except packages Alpine ships separately (zstd-libs,",
    "xz-libs...). A package with no Alpine figure is sized as its Debian equivalent's closure ×",
    `${doc.debianRatio.value}, the ${doc.debianRatio.basis}.`,
    'A name with neither is reported unknown (a visible guess, confidence low).',
    'A release without a figure for a package borrows the nearest release that has one (said in the',
    'basis). The bench (scripts/bench-accuracy.ts) stars the cases whose image family is one of these',
    "sources (php, postgres, eclipse-temurin and maven on it, rust, ruby): a package's size is a fact of",
    'the package, but those layers were read off the same images.',
  ].join('\n');
}

if (process.argv[2]) {
  const doc = buildTable(process.argv[2]);
  writeFileSync(OUT, JSON.stringify(doc) + '\n');
  writeProvenanceSection('alpine-packages', provenance(doc));
  console.log(
    `wrote ${OUT}: ${Object.entries(doc.releases)
      .map(([r, t]) => `${r} ${Object.keys(t.packages).length}`)
      .join(', ')}; ratio ${doc.debianRatio.value} over ${doc.debianRatio.count}`,
  );
}
