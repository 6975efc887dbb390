// Builds src/data/base-images.json (the base-image catalog) and src/data/PROVENANCE.md's catalog
// section from:
//   * ../shared/data/repo-info/*.json  — sizes published in docker-library/repo-info (linux/amd64)
//   * scripts/data/extra-images.json   — hand-maintained entries for images repo-info lacks, each
//                                         with its own source and date
// Where an entry has no published on-disk size, it is derived from the compressed size with a ratio
// calibrated here on the entries that have both (per OS family), and flagged uncompressedDerived.
//
// Usage: npx tsx scripts/data/build-catalog.ts
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeProvenanceSection } from './provenance';
import { jdkLayer } from './jdk-layers';
import {
  ALPINE_BASE_PACKAGES,
  debianBaseSet,
  debianIndex,
  debianSuiteFor,
} from '../../src/engine/size/packages';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const REPO_INFO = join(ROOT, '..', 'shared', 'data', 'repo-info');
const EXTRA = join(ROOT, 'scripts', 'data', 'extra-images.json');
/** Old tags read from repo-info's history (see the file's `about`). */
const HISTORY = join(ROOT, 'scripts', 'data', 'repo-info-history.json');
const OUT = join(ROOT, 'src', 'data', 'base-images.json');

type Os =
  | 'debian'
  | 'ubuntu'
  | 'alpine'
  | 'rhel'
  | 'wolfi'
  | 'distroless'
  | 'busybox'
  | 'scratch'
  | 'windows'
  | 'unknown';

interface RepoInfoRecord {
  image: string;
  tag: string;
  compressedBytes: number;
  uncompressedBytes: number | null;
  layers?: { instruction: string; buildArgs?: string; compressedBytes: number }[];
  sourceRemote: string;
  sourceLocal: string | null;
  asOf: string;
  notes?: string;
  /** OS facts stated with the record where its layers do not show them (history records). */
  osFacts?: { os: Os; osRelease: string | null; libc: 'glibc' | 'musl' | 'none' };
}

/** An entry as written to the table (CatalogEntry plus build-time facts used by the lookups). */
interface OutEntry {
  reference: string;
  image: string;
  tag: string;
  uncompressedBytes: number;
  compressedBytes: number;
  uncompressedDerived: boolean;
  os: Os;
  osRelease: string | null;
  libc: 'glibc' | 'musl' | 'none';
  packages: number | null;
  shell: boolean;
  runtime: { name: string; version: string } | null;
  variant: string;
  toolchain: boolean;
  asOf: string;
  source: string;
  layers: { instruction: string; compressedBytes: number; uncompressedBytes?: number }[] | null;
  /** Package-manager roots visible in the layers (apt/apk installs that stay), for installedPackages. */
  osRoots?: string[];
  /** Other tags that name exactly this image (e.g. '22-bookworm' for node:22). */
  aliases?: string[];
  /** OS packages the image ships, when the publisher lists them (distroless). */
  installed?: string[];
  /** 'approximate' for rounded figures from secondary sources. */
  quality?: 'approximate';
  /** True when the compressed size was derived from a published on-disk size. */
  compressedDerived?: boolean;
}

interface ExtraEntry extends Omit<
  OutEntry,
  'reference' | 'uncompressedBytes' | 'uncompressedDerived' | 'layers'
> {
  uncompressedBytes: number | null;
  layers?: { instruction: string; compressedBytes: number }[] | null;
  notes?: string;
}

const DEBIAN_CODENAMES: Record<string, string> = {
  bullseye: '11',
  bookworm: '12',
  trixie: '13',
  forky: '14',
};
const UBUNTU_CODENAMES: Record<string, string> = {
  focal: '20.04',
  jammy: '22.04',
  noble: '24.04',
  resolute: '26.04',
};

/** OS facts of a repo-info record, read from its first layer and its notes. */
function osOf(r: RepoInfoRecord): { os: Os; osRelease: string | null; libc: 'glibc' | 'musl' | 'none' } {
  if (r.osFacts) return r.osFacts;
  const first = r.layers?.[0]?.instruction ?? '';
  const notes = r.notes ?? '';
  let m = /alpine-minirootfs-(\d+\.\d+)/.exec(first);
  if (m) return { os: 'alpine', osRelease: m[1], libc: 'musl' };
  m = /debian\.sh .*'(bookworm|trixie|bullseye|forky)'/.exec(first);
  if (m) return { os: 'debian', osRelease: m[1], libc: 'glibc' };
  if (/rockcraft-ubuntu/.test(first)) return { os: 'ubuntu', osRelease: '26.04', libc: 'glibc' };
  if (/Ubuntu 24\.04|noble/.test(notes)) return { os: 'ubuntu', osRelease: '24.04', libc: 'glibc' };
  if (/Ubuntu 26\.04/.test(notes)) return { os: 'ubuntu', osRelease: '26.04', libc: 'glibc' };
  if (r.image === 'ubuntu') return { os: 'ubuntu', osRelease: r.tag, libc: 'glibc' };
  if (r.image === 'busybox') return { os: 'busybox', osRelease: null, libc: 'glibc' };
  if (/Amazon Linux 2023|al2023/.test(notes) || r.image === 'amazonlinux')
    return { os: 'rhel', osRelease: 'al2023', libc: 'glibc' };
  if (r.image === 'almalinux') return { os: 'rhel', osRelease: '10', libc: 'glibc' };
  if (r.image === 'fedora') return { os: 'rhel', osRelease: 'fedora-44', libc: 'glibc' };
  if (r.image === 'rockylinux') return { os: 'rhel', osRelease: '9', libc: 'glibc' };
  if (/oraclelinux-9/.test(first)) return { os: 'rhel', osRelease: 'ol9', libc: 'glibc' };
  // node 18 (January 2023): Debian bullseye / Alpine 3.17 per the published tags of that time.
  if (r.image === 'node' && r.tag === '18-alpine') return { os: 'alpine', osRelease: '3.17', libc: 'musl' };
  if (r.image === 'node' && r.tag.startsWith('18'))
    return { os: 'debian', osRelease: 'bullseye', libc: 'glibc' };
  return { os: 'unknown', osRelease: null, libc: 'glibc' };
}

const RUNTIME_OF: Record<string, string> = {
  node: 'node',
  python: 'python',
  golang: 'go',
  rust: 'rust',
  'eclipse-temurin': 'java',
  amazoncorretto: 'java',
  openjdk: 'java',
  maven: 'java',
  gradle: 'java',
  tomcat: 'java',
  php: 'php',
  ruby: 'ruby',
  perl: 'perl',
  elixir: 'elixir',
  erlang: 'erlang',
  gcc: 'gcc',
};

/** Runtime version of a repo-info record: from ENV lines or the tag. */
function runtimeOf(r: RepoInfoRecord): { name: string; version: string } | null {
  const name =
    RUNTIME_OF[r.image] ??
    (['nginx', 'httpd', 'caddy', 'postgres', 'redis', 'mysql', 'mariadb', 'mongo', 'haproxy'].includes(
      r.image,
    )
      ? r.image
      : null);
  if (!name) return null;
  const lead = /^(\d+(?:\.\d+)?)/.exec(r.tag)?.[1];
  if (name === 'java') {
    const j = /(?:jdk|jre|temurin-|^)(\d{1,2})(?:-|$)/.exec(r.tag)?.[1] ?? /(\d{2})/.exec(r.tag)?.[1];
    return { name, version: j ?? 'unknown' };
  }
  if (lead) return { name, version: lead };
  const fromNotes = /(?:v|\b)(\d+\.\d+)(?:\.\d+)?/.exec(r.notes ?? '');
  return { name, version: fromNotes ? fromNotes[1] : 'latest' };
}

/** Variant words of a tag: the tag without its version and OS codename/release, or 'full'. */
function variantOf(image: string, tag: string): string {
  const words = tag
    .toLowerCase()
    .replace(/^v?\d+(\.\d+)*(-rc)?/, '')
    .split('-')
    .filter(Boolean)
    .filter((w) => !(w in DEBIAN_CODENAMES) && !(w in UBUNTU_CODENAMES) && !/^\d/.test(w))
    .map((w) => w.replace(/^alpine\d.*$/, 'alpine'));
  if (image === 'debian' || image === 'ubuntu') return words.includes('slim') ? 'slim' : 'full';
  const v = words.filter((w) => w !== 'latest').join('-');
  return v || 'full';
}

const TOOLCHAIN_IMAGES = new Set([
  'golang',
  'rust',
  'gcc',
  'maven',
  'gradle',
  'buildpack-deps',
  'elixir',
  'erlang',
]);
function toolchainOf(r: RepoInfoRecord, variant: string): boolean {
  if (TOOLCHAIN_IMAGES.has(r.image)) return r.image !== 'buildpack-deps' || !/curl|scm/.test(r.tag);
  if (/jdk/.test(r.tag)) return true;
  if (['eclipse-temurin', 'amazoncorretto', 'openjdk'].includes(r.image)) return !/jre/.test(r.tag);
  // The full official language images sit on buildpack-deps (gcc, make, -dev libraries).
  if (['node', 'python', 'ruby'].includes(r.image) && variant === 'full') return true;
  // php's Debian images keep PHPIZE_DEPS (gcc, make, autoconf) installed.
  if (r.image === 'php' && !/alpine/.test(r.tag)) return true;
  return false;
}

/** Packages a layer installs and keeps: apt-get/apk installs not removed again in the same RUN. */
function osRootsOf(layers: { instruction: string }[] | undefined): string[] {
  const roots = new Set<string>();
  for (const { instruction } of layers ?? []) {
    // Build-dependency installs that are purged/auto-removed in the same RUN leave only runtime
    // libraries we cannot see; skip them (documented in PROVENANCE.md).
    const purges = /apt-mark auto|--auto-remove|apt-get purge|apt-get remove/.test(instruction);
    for (const m of instruction.matchAll(
      /apt-get install((?:\s+(?:-[-\w=]+|[a-z0-9][a-z0-9.+:=~-]*|\$\w+|\\))+)/g,
    )) {
      if (purges) continue;
      for (const w of m[1].split(/\s+/))
        if (/^[a-z0-9][a-z0-9.+-]+$/.test(w) && w !== 'y') roots.add(w.replace(/=.*$/, ''));
    }
    for (const m of instruction.matchAll(
      /apk add((?:\s+(?:-[-\w=]+|--virtual\s+\S+|[a-z0-9][a-z0-9.+_=~-]*|\\))+)/g,
    )) {
      if (/--virtual/.test(m[1])) continue; // virtual groups are deleted again with apk del
      for (const w of m[1].split(/\s+/))
        if (/^[a-z0-9][a-z0-9.+_-]*$/.test(w)) roots.add(w.replace(/=.*$/, ''));
    }
  }
  return [...roots].sort();
}

const MAX_INSTRUCTION = 240;
function compactLayers(layers: RepoInfoRecord['layers']): OutEntry['layers'] {
  if (!layers) return null;
  return layers.map((l) => ({
    instruction:
      l.instruction.length > MAX_INSTRUCTION
        ? l.instruction.slice(0, MAX_INSTRUCTION - 1) + '…'
        : l.instruction,
    compressedBytes: l.compressedBytes,
  }));
}

/** Tags that name exactly the same image as the given repo-info tag (from the published tag lists). */
function aliasesOf(r: RepoInfoRecord, os: { osRelease: string | null }): string[] {
  const out: string[] = [];
  const rel = os.osRelease;
  if (r.image === 'debian') {
    const n = DEBIAN_CODENAMES[r.tag.split('-')[0]];
    if (n) out.push(r.tag.replace(/^[a-z]+/, n));
  } else if (r.image === 'ubuntu') {
    const code = Object.entries(UBUNTU_CODENAMES).find(([, v]) => v === r.tag)?.[0];
    if (code) out.push(code);
  } else if (
    rel &&
    /^(bookworm|trixie|bullseye)$/.test(rel) &&
    ['node', 'python', 'golang', 'ruby', 'rust', 'php', 'perl', 'buildpack-deps'].includes(r.image)
  ) {
    // e.g. node:22 = node:22-bookworm, python:3.12-slim = python:3.12-slim-trixie
    const m = /^([\d.]+)(?:-(.*))?$/.exec(r.tag);
    if (m) out.push(m[2] ? `${m[1]}-${m[2]}-${rel}` : `${m[1]}-${rel}`);
  } else if (rel && r.layers && /alpine/.test(r.tag)) {
    out.push(r.tag.replace(/alpine$/, `alpine${rel}`));
  }
  return out.filter((a) => a !== r.tag);
}

/** The records of ../shared/data/repo-info, then the old tags of repo-info's history. */
function repoInfoRecords(): RepoInfoRecord[] {
  const out: RepoInfoRecord[] = [];
  for (const file of readdirSync(REPO_INFO)
    .filter((f) => f.endsWith('.json'))
    .sort())
    out.push(...(JSON.parse(readFileSync(join(REPO_INFO, file), 'utf8')) as RepoInfoRecord[]));
  const seen = new Set(out.map((r) => `${r.image}:${r.tag}`));
  const history = JSON.parse(readFileSync(HISTORY, 'utf8')) as { records: RepoInfoRecord[] };
  for (const r of history.records) if (!seen.has(`${r.image}:${r.tag}`)) out.push(r);
  return out;
}

function fromRepoInfo(): OutEntry[] {
  const out: OutEntry[] = [];
  for (const r of repoInfoRecords()) {
    const os = osOf(r);
    const variant = variantOf(r.image, r.tag);
    const src = [`docker-library/repo-info ${r.sourceRemote}`];
    if (r.sourceLocal) src.push(`on-disk: ${r.sourceLocal}`);
    out.push({
      reference: `${r.image}:${r.tag}`,
      image: r.image,
      tag: r.tag,
      compressedBytes: r.compressedBytes,
      uncompressedBytes: r.uncompressedBytes ?? 0,
      uncompressedDerived: r.uncompressedBytes == null,
      ...os,
      packages: null,
      shell: true,
      runtime: runtimeOf(r),
      variant,
      toolchain: toolchainOf(r, variant),
      asOf: r.asOf,
      source: src.join('; '),
      layers: compactLayers(r.layers),
      osRoots: osRootsOf(r.layers),
      aliases: aliasesOf(r, os),
    });
  }
  return out;
}

function fromExtras(): OutEntry[] {
  if (!existsSync(EXTRA)) return [];
  const doc = JSON.parse(readFileSync(EXTRA, 'utf8')) as { entries: ExtraEntry[] };
  return doc.entries.map((e) => ({
    reference: `${e.image}:${e.tag}`,
    image: e.image,
    tag: e.tag,
    compressedBytes: e.compressedBytes ?? 0,
    uncompressedBytes: e.uncompressedBytes ?? 0,
    uncompressedDerived: e.uncompressedBytes == null,
    compressedDerived: e.compressedBytes == null ? true : undefined,
    installed: e.installed,
    quality: e.quality,
    os: e.os,
    osRelease: e.osRelease,
    libc: e.libc,
    packages: e.packages ?? null,
    shell: e.shell,
    runtime: e.runtime ?? null,
    variant: e.variant,
    toolchain: e.toolchain,
    asOf: e.asOf,
    source: e.source,
    layers: e.layers ?? null,
    osRoots: e.osRoots,
    aliases: e.aliases,
  }));
}

/** The p-quantile of xs, interpolated. */
function q(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  const i = (s.length - 1) * p;
  const lo = Math.floor(i);
  return s[lo] + (s[Math.ceil(i)] - s[lo]) * (i - lo);
}

/** Ratio family used for calibration and derivation. */
function ratioFamily(e: OutEntry): 'alpine' | 'debian-ubuntu' | 'other' {
  if (e.os === 'alpine' || e.os === 'wolfi') return 'alpine';
  if (e.os === 'debian' || e.os === 'ubuntu' || e.os === 'distroless') return 'debian-ubuntu';
  return 'other';
}

interface Calibration {
  family: string;
  n: number;
  median: number;
  min: number;
  max: number;
  p25: number;
  p75: number;
}

function calibrate(entries: OutEntry[]): Map<string, Calibration> {
  const groups = new Map<string, number[]>();
  const all: number[] = [];
  for (const e of entries) {
    if (e.uncompressedDerived || e.compressedDerived || e.quality || e.compressedBytes <= 0) continue;
    const r = e.uncompressedBytes / e.compressedBytes;
    const f = ratioFamily(e);
    groups.set(f, [...(groups.get(f) ?? []), r]);
    all.push(r);
  }
  groups.set('all', all);
  const out = new Map<string, Calibration>();
  for (const [family, xs] of groups) {
    if (!xs.length) continue;
    out.set(family, {
      family,
      n: xs.length,
      median: q(xs, 0.5),
      p25: q(xs, 0.25),
      p75: q(xs, 0.75),
      min: Math.min(...xs),
      max: Math.max(...xs),
    });
  }
  // A family with too few measured points borrows the overall median.
  if ((out.get('other')?.n ?? 0) < 2)
    out.set('other', { ...out.get('all')!, family: 'other (overall median)' });
  return out;
}

function main() {
  const entries = [...fromRepoInfo(), ...fromExtras()];
  const seen = new Set<string>();
  for (const e of entries) {
    if (seen.has(e.reference)) throw new Error(`duplicate catalog entry ${e.reference}`);
    seen.add(e.reference);
    if (!e.source || !e.asOf) throw new Error(`${e.reference}: source and asOf are required`);
  }
  const cal = calibrate(entries);
  for (const e of entries) {
    if (e.compressedDerived) {
      const c = cal.get(ratioFamily(e)) ?? cal.get('all')!;
      e.compressedBytes = Math.round(e.uncompressedBytes / c.median);
      e.source += `; compressed size derived from the on-disk size ÷ ${c.median.toFixed(2)} (${c.family} ratio)`;
    }
    if (!e.uncompressedDerived) continue;
    if (e.os === 'scratch' || e.compressedBytes === 0) {
      e.uncompressedBytes = 0;
      e.uncompressedDerived = false;
      continue;
    }
    const c = cal.get(ratioFamily(e)) ?? cal.get('all')!;
    const jdk = jdkLayer(e);
    if (jdk && e.layers) {
      // Per layer: the JDK tree at its own measured ratio, the other layers at the family's.
      for (const l of e.layers)
        l.uncompressedBytes = Math.round(l.compressedBytes * (l === jdk.layer ? jdk.ratio : c.median));
      e.uncompressedBytes = e.layers.reduce((sum, l) => sum + (l.uncompressedBytes ?? 0), 0);
      e.source += `; on-disk size derived per layer: the JDK layer compressed × ${jdk.ratio} (${jdk.why}), the others × ${c.median.toFixed(2)} (${c.family} ratio)`;
      continue;
    }
    e.uncompressedBytes = Math.round(e.compressedBytes * c.median);
    e.source += `; on-disk size derived: compressed × ${c.median.toFixed(2)} (${c.family} ratio)`;
  }
  // Package counts: Debian/Ubuntu from the minbase set + the layers' apt roots (closure over the
  // Debian index); Alpine from the minirootfs list + apk roots; distroless from the published list.
  for (const e of entries) {
    if (e.installed) e.packages = e.installed.length;
    else if (/chiseled/.test(e.variant))
      e.packages = null; // chiseled slices, not dpkg packages
    else if (e.os === 'debian' || e.os === 'ubuntu') {
      const { suite } = debianSuiteFor(e.os, e.osRelease);
      const base = debianBaseSet(suite);
      const extra = e.osRoots?.length
        ? debianIndex(suite).closure(e.osRoots, { recommends: false, installed: base }).packages.length
        : 0;
      e.packages = base.size + extra;
    } else if (e.os === 'alpine') e.packages = ALPINE_BASE_PACKAGES.length + (e.osRoots?.length ?? 0);
  }
  entries.sort((a, b) => (a.image === b.image ? a.tag.localeCompare(b.tag) : a.image.localeCompare(b.image)));
  const calibration = [...cal.values()].map((c) => ({
    family: c.family,
    n: c.n,
    median: +c.median.toFixed(3),
    p25: +c.p25.toFixed(3),
    p75: +c.p75.toFixed(3),
    min: +c.min.toFixed(3),
    max: +c.max.toFixed(3),
  }));
  const doc = {
    format: 1,
    generated: 'scripts/data/build-catalog.ts',
    platform: 'linux/amd64',
    calibration,
    aliases: ALIASES,
    entries,
  };
  writeFileSync(OUT, JSON.stringify(doc));
  writeProvenanceSection('catalog', provenance(entries, calibration));
  const derived = entries.filter((e) => e.uncompressedDerived).length;
  console.log(`${entries.length} entries (${derived} with derived on-disk size) -> ${OUT}`);
  for (const c of calibration)
    console.log(
      `  ratio ${c.family}: n=${c.n} median ${c.median} (IQR ${c.p25}–${c.p75}, range ${c.min}–${c.max})`,
    );
}

/**
 * Moving tags (latest, lts, major-only versions) → the concrete catalog tag they pointed to when the
 * data was read. Keys are 'image:tag'.
 */
const ALIASES: Record<string, string> = {
  'node:latest': 'node:24',
  'node:current': 'node:24',
  'node:lts': 'node:24',
  'node:slim': 'node:24-slim',
  'node:alpine': 'node:24-alpine',
  'node:lts-slim': 'node:24-slim',
  'node:lts-alpine': 'node:24-alpine',
  'node:current-slim': 'node:24-slim',
  'node:current-alpine': 'node:24-alpine',
  'python:latest': 'python:3.14',
  'python:3': 'python:3.14',
  'python:3-slim': 'python:3.14-slim',
  'python:3-alpine': 'python:3.14-alpine',
  'python:slim': 'python:3.14-slim',
  'python:alpine': 'python:3.14-alpine',
  'golang:latest': 'golang:1.26',
  'golang:1': 'golang:1.26',
  'golang:alpine': 'golang:1.26-alpine',
  'golang:1-alpine': 'golang:1.26-alpine',
  'rust:latest': 'rust:1',
  'rust:slim': 'rust:1-slim',
  'rust:alpine': 'rust:1-alpine',
  'debian:latest': 'debian:trixie',
  'debian:stable': 'debian:trixie',
  'debian:stable-slim': 'debian:trixie-slim',
  'debian:oldstable': 'debian:bookworm',
  'debian:oldstable-slim': 'debian:bookworm-slim',
  'debian:forky': 'debian:testing',
  'debian:forky-slim': 'debian:testing-slim',
  'debian:unstable': 'debian:sid',
  'debian:unstable-slim': 'debian:sid-slim',
  'ubuntu:latest': 'ubuntu:24.04',
  'ubuntu:rolling': 'ubuntu:24.04',
  'alpine:latest': 'alpine:3.24',
  'alpine:3': 'alpine:3.24',
  'eclipse-temurin:latest': 'eclipse-temurin:21-jdk',
  'eclipse-temurin:21': 'eclipse-temurin:21-jdk',
  'eclipse-temurin:17': 'eclipse-temurin:17-jdk',
  'eclipse-temurin:21-alpine': 'eclipse-temurin:21-jdk-alpine',
  // Old tags of repo-info's history: the JDK is each line's default (same image, listed together).
  'eclipse-temurin:11': 'eclipse-temurin:11-jdk',
  'eclipse-temurin:8': 'eclipse-temurin:8-jdk',
  'openjdk:11-jdk': 'openjdk:11',
  'openjdk:8-jdk': 'openjdk:8',
  'amazoncorretto:latest': 'amazoncorretto:21',
  'maven:latest': 'maven:3.9-eclipse-temurin-21',
  'maven:3': 'maven:3.9-eclipse-temurin-21',
  'maven:3.9': 'maven:3.9-eclipse-temurin-21',
  'maven:3-eclipse-temurin-21': 'maven:3.9-eclipse-temurin-21',
  'maven:3-eclipse-temurin-21-alpine': 'maven:3.9-eclipse-temurin-21-alpine',
  'gradle:latest': 'gradle:jdk21',
  'gradle:jdk': 'gradle:jdk21',
  'php:latest': 'php:8.4-cli',
  'php:8': 'php:8.4-cli',
  'php:8.4': 'php:8.4-cli',
  'php:8.3': 'php:8.3-cli',
  'php:8.2': 'php:8.2-cli',
  'php:cli': 'php:8.4-cli',
  'php:fpm': 'php:8.4-fpm',
  'php:apache': 'php:8.4-apache',
  'php:alpine': 'php:8.4-alpine',
  'php:8.4-cli-alpine': 'php:8.4-alpine',
  'php:8.3-cli-alpine': 'php:8.3-alpine',
  'ruby:latest': 'ruby:3.4',
  'ruby:3': 'ruby:3.4',
  'ruby:slim': 'ruby:3.4-slim',
  'ruby:alpine': 'ruby:3.4-alpine',
  'perl:latest': 'perl:slim',
  'nginx:mainline': 'nginx:latest',
  'nginx:mainline-alpine': 'nginx:alpine',
  'nginx:mainline-alpine-slim': 'nginx:alpine-slim',
  'httpd:2': 'httpd:latest',
  'httpd:2.4': 'httpd:latest',
  'httpd:2-alpine': 'httpd:alpine',
  'httpd:2.4-alpine': 'httpd:alpine',
  'caddy:2': 'caddy:latest',
  'caddy:alpine': 'caddy:latest',
  'caddy:2-alpine': 'caddy:latest',
  'busybox:stable': 'busybox:latest',
  'busybox:glibc': 'busybox:latest',
  'rockylinux:9-minimal': 'rockylinux:9',
  'fedora:44': 'fedora:latest',
  'almalinux:10': 'almalinux:latest',
  'amazonlinux:2023': 'amazonlinux:latest',
  'buildpack-deps:latest': 'buildpack-deps:bookworm',
  'redis:8': 'redis:latest',
  'postgres:18': 'postgres:latest',
  'postgres:18-alpine': 'postgres:alpine',
  'mysql:8': 'mysql:latest',
  'mariadb:12': 'mariadb:latest',
  'mongo:8': 'mongo:latest',
  'haproxy:3': 'haproxy:latest',
  'gcc:16': 'gcc:latest',
  'tomcat:10': 'tomcat:10.1-jre21',
  'tomcat:10.1': 'tomcat:10.1-jre21',
  'elixir:latest': 'elixir:slim',
  'erlang:latest': 'erlang:slim',
};

function mb(n: number) {
  return (n / 1e6).toFixed(1);
}

function provenance(
  entries: OutEntry[],
  calibration: {
    family: string;
    n: number;
    median: number;
    p25: number;
    p75: number;
    min: number;
    max: number;
  }[],
): string {
  const lines: string[] = [];
  lines.push('### Generated: catalog entries and calibration', '');
  lines.push(`Generated by \`scripts/data/build-catalog.ts\`: ${entries.length} linux/amd64 tags.`, '');
  lines.push('#### On-disk size derivation (calibrated ratios)', '');
  lines.push(
    'Where no on-disk size is published, `uncompressedBytes = compressedBytes × median ratio` of the',
  );
  lines.push('OS family, measured on the entries that have both sizes (`uncompressedDerived: true`).', '');
  lines.push('| family | n | median | IQR | range |', '|---|---:|---:|---|---|');
  for (const c of calibration)
    lines.push(`| ${c.family} | ${c.n} | ${c.median} | ${c.p25}–${c.p75} | ${c.min}–${c.max} |`);
  lines.push('', '#### Entries', '');
  lines.push(
    '| reference | compressed MB | on-disk MB | os | asOf | source |',
    '|---|---:|---:|---|---|---|',
  );
  for (const e of entries)
    lines.push(
      `| ${e.reference} | ${mb(e.compressedBytes)} | ${mb(e.uncompressedBytes)}${e.uncompressedDerived ? ' (derived)' : ''} | ${e.os}${e.osRelease ? ' ' + e.osRelease : ''} | ${e.asOf} | ${e.source.replace(/\|/g, '/')} |`,
    );
  return lines.join('\n') + '\n';
}

main();
