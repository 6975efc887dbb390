// Alpine (apk) package sizes from the bundled table (src/data/alpine-packages.json, built by
// scripts/data/build-alpine-packages.ts from measured public data).
//
// A requested package costs its measured installed size plus its dependencies minus what the image
// already has. Dependencies come from Alpine's own index records where the table has them; no
// complete APKINDEX is bundled, so for the other packages the dependencies (and the size of a
// package the table lacks) are approximated by the Debian trixie equivalent's closure scaled by
// the Alpine/Debian ratio measured on the packages present in both. Every figure says which.
import type { Confidence } from '../types';
import type { PackageSizeResult } from './types';
import type { DebianIndex } from './packages';
import { alpineTableDoc } from './tables';
import { apkJdk, type ApkJdk } from './alpine-jdk';

export interface AlpinePackageRow {
  /** Installed size in bytes. */
  bytes: number;
  /** Index into the table's `sources`. */
  src: number;
  /** Dependencies (names of the same release), when an index record gives them. */
  deps?: string[];
  /** The measured images (indexes into `sources`) that hold the package. */
  in?: number[];
}
export interface AlpineTableDoc {
  about: string;
  sources: string[];
  releases: Record<string, { packages: Record<string, AlpinePackageRow>; provides: Record<string, string> }>;
  debianRatio: { value: number; count: number; basis: string };
}

/** A row found for a name, with the release it was measured in. */
export interface AlpineHit {
  name: string;
  row: AlpinePackageRow;
  release: string;
}

/** Debian library package → Alpine package, where the stem rule of lookupDebian does not find it. */
const DEBIAN_TO_ALPINE: Record<string, string> = {
  libcares2: 'c-ares',
  libisl23: 'isl26',
  libmpc3: 'mpc1',
  libmpfr6: 'mpfr4',
  'libbz2-1.0': 'libbz2',
  liblzma5: 'xz-libs',
  libexpat1: 'libexpat',
  'libsqlite3-0': 'sqlite-libs',
  'libpcre2-8-0': 'pcre2',
  libreadline8: 'readline',
  'libyaml-0-2': 'yaml',
  libonig5: 'oniguruma',
  libsodium23: 'libsodium',
  'libargon2-1': 'argon2-libs',
  'libgcc-s1': 'libgcc',
  libtinfo6: 'libncursesw',
  libacl1: 'acl-libs',
  'libsasl2-2': 'libsasl',
  libpam0g: 'linux-pam',
  'libserf-1-1': 'serf',
  libsvn1: 'subversion-libs',
  libapr1: 'apr',
  libaprutil1: 'apr-util',
  libmpdec4: 'mpdecimal',
  // Alpine's gcc holds the preprocessor and the compiler's own libraries; musl-dev is its libc-dev.
  cpp: 'gcc',
  'libgcc-14-dev': 'gcc',
  'libc6-dev': 'musl-dev',
  dirmngr: 'gnupg-dirmngr',
  keyboxd: 'gnupg-keyboxd',
  gpgconf: 'gnupg-gpgconf',
  'gpg-wks-client': 'gnupg-wks-client',
  'pinentry-curses': 'pinentry',
  'fonts-dejavu-core': 'font-dejavu',
  'libcurl3-gnutls': 'libcurl',
  'libp11-kit0': 'p11-kit',
  libgnutls30: 'gnutls',
  libnettle8: 'nettle',
  libhogweed6: 'nettle',
  libldap2: 'libldap',
  'libkrb5-3': 'krb5-libs',
  'libgssapi-krb5-2': 'krb5-libs',
  libk5crypto3: 'krb5-libs',
  libkrb5support0: 'krb5-libs',
  libkeyutils1: 'keyutils-libs',
  'libcom-err2': 'libcom_err',
  'libgpg-error0': 'libgpg-error',
  libgcrypt20: 'libgcrypt',
  libassuan9: 'libassuan',
  libksba8: 'libksba',
  libnpth0: 'npth',
  'libpng16-16': 'libpng',
  libfreetype6: 'freetype',
  libfontconfig1: 'fontconfig',
  'fontconfig-config': 'fontconfig',
  libicu76: 'icu-libs',
  'libxslt1.1': 'libxslt',
  libuuid1: 'libuuid',
  liburing2: 'liburing',
  libedit2: 'libedit',
};

const releaseNumber = (r: string) => {
  const [a, b] = r.split('.').map(Number);
  return a * 100 + (b || 0);
};

export class AlpineTable {
  // The table is fixed: the release order and the Debian-name hits are computed once per question
  // (an install asks them for every package of Debian's base set, and the order sorted per lookup).
  private readonly orders = new Map<string | null, string[]>();
  private readonly debianHits = new Map<string, AlpineHit | null>();

  constructor(private readonly doc: AlpineTableDoc) {}

  get ratio(): AlpineTableDoc['debianRatio'] {
    return this.doc.debianRatio;
  }

  releases(): string[] {
    return Object.keys(this.doc.releases).sort((a, b) => releaseNumber(a) - releaseNumber(b));
  }

  /** The releases to read for `release`: itself first, then the others by distance (newer first on ties). */
  private order(release: string | null): string[] {
    let order = this.orders.get(release);
    if (!order) this.orders.set(release, (order = this.releaseOrder(release)));
    return order;
  }

  private releaseOrder(release: string | null): string[] {
    const all = this.releases();
    const want =
      release && /^\d+\.\d+/.test(release) ? releaseNumber(release) : releaseNumber(all[all.length - 1]);
    return [...all].sort(
      (a, b) =>
        Math.abs(releaseNumber(a) - want) - Math.abs(releaseNumber(b) - want) ||
        releaseNumber(b) - releaseNumber(a),
    );
  }

  /** The measured row of a package (or of what provides that name), nearest release first. */
  lookup(raw: string, release: string | null): AlpineHit | null {
    const name = raw
      .trim()
      .toLowerCase()
      .replace(/[<>=~].*$/, '');
    for (const r of this.order(release)) {
      const t = this.doc.releases[r];
      const real = t.packages[name] ? name : t.provides[name];
      if (real && t.packages[real]) return { name: real, row: t.packages[real], release: r };
    }
    return null;
  }

  /**
   * The Alpine package measured for a Debian dependency: the same name (without Debian's t64
   * suffix), or for a library its stem as Alpine names it (libbrotli1 → brotli-libs, libgmp10 →
   * gmp, libnghttp2-14 → nghttp2-libs, libcurl4t64 → libcurl).
   */
  lookupDebian(debName: string, release: string | null): AlpineHit | null {
    const key = `${release ?? ''}\u0000${debName}`;
    let hit = this.debianHits.get(key);
    if (hit === undefined) this.debianHits.set(key, (hit = this.findDebian(debName, release)));
    return hit;
  }

  private findDebian(debName: string, release: string | null): AlpineHit | null {
    const base = debName.replace(/t64(?=$|-)/, '');
    const names = [DEBIAN_TO_ALPINE[base] ?? base];
    if (base.startsWith('lib')) {
      const stem = base.replace(/-?\d+(\.\d+)?$/, '');
      const bare = stem.slice(3);
      names.push(stem, `${bare}-libs`, bare);
    }
    for (const n of names) {
      const hit = n.length > 2 ? this.lookup(n, release) : null;
      if (hit) return hit;
    }
    return null;
  }

  /** Where a row's size was read (image and repo-info file, or the index). */
  source(row: AlpinePackageRow): string {
    return this.doc.sources[row.src] ?? 'unknown source';
  }
}

/** Whether Debian package `p` is a versioned, per-architecture or common-files split of `m`. */
function splitOf(p: string, m: string): boolean {
  return p.startsWith(`${m}-`) && /^(\d|x86-64|common$)/.test(p.slice(m.length + 1));
}

/** Whether every measured image holding `pkg` also holds `dep` (apk installs a package's dependencies with it). */
function coInstalled(pkg: AlpinePackageRow, dep: AlpinePackageRow): boolean {
  if (!pkg.in || !dep.in) return true;
  return pkg.in.every((i) => dep.in!.includes(i));
}

let table: AlpineTable | null = null;
export function alpineTable(): AlpineTable {
  return (table ??= new AlpineTable(alpineTableDoc()));
}

/** Alpine release of an image's os release string ("3.24.2" → "3.24"); null when not a version. */
export function alpineRelease(osRelease: string | null): string | null {
  return /^(\d+\.\d+)/.exec(osRelease ?? '')?.[1] ?? null;
}

export interface AlpineSizing {
  /** Maps an apk name to its Debian equivalents (null when there is none). */
  toDebian(name: string): string[] | null;
  debian: DebianIndex;
  /** Debian names of what the image already has (its packages mapped, plus Debian's base image). */
  installedDebian: ReadonlySet<string> | null;
  /** Debian names the image's own packages map to (installed whatever the rule below says). */
  mappedInstalled: ReadonlySet<string> | null;
}

/** What an `apk add` picks as it walks the requested names and Alpine's dependency records. */
interface Walk {
  release: string | null;
  picked: Map<string, AlpineHit>;
  /** Releases whose figures stood in for the image's own. */
  borrowed: Set<string>;
  /** Measured packages without dependency records, with their Debian equivalents. */
  measuredRoots: { hit: AlpineHit; deb: string[] }[];
  /** Debian equivalents of requested names the table has no figure for. */
  debRoots: string[];
  unknown: string[];
  /** Java packages, sized as a published JDK/JRE layer (alpine-jdk.ts). */
  jdks: ApkJdk[];
  /** Measured packages whose dependencies are not known at all. */
  noDeps: string[];
  has: (n: string) => boolean;
  take: (hit: AlpineHit) => void;
}

function newWalk(release: string | null, installed: ReadonlySet<string> | null): Walk {
  const w: Walk = {
    release,
    picked: new Map(),
    borrowed: new Set(),
    measuredRoots: [],
    debRoots: [],
    unknown: [],
    jdks: [],
    noDeps: [],
    has: (n) => installed?.has(n) ?? false,
    take: (hit) => {
      w.picked.set(hit.name, hit);
      if (release && hit.release !== release) w.borrowed.add(hit.release);
    },
  };
  return w;
}

/** The requested names, then the dependencies of index records that the table has no figure for. */
function walkRequested(t: AlpineTable, w: Walk, requested: string[], proxy: AlpineSizing): void {
  const { release, picked, measuredRoots, debRoots, unknown, noDeps, has, take } = w;
  const pending = [...requested];
  const asked = new Set<string>();
  while (pending.length) {
    const n = pending.shift()!;
    if (asked.has(n)) continue;
    asked.add(n);
    const hit = t.lookup(n, release);
    if (hit && (has(hit.name) || picked.has(hit.name))) continue;
    const jdk = hit ? null : apkJdk(n);
    if (jdk) {
      if (!has(jdk.name)) w.jdks.push(jdk);
      continue;
    }
    if (hit) {
      take(hit);
      if (hit.row.deps) {
        // Alpine's own dependency records: walk them.
        const queue = [...hit.row.deps];
        while (queue.length) {
          const name = queue.pop()!;
          const d = t.lookup(name, hit.release);
          if (!d) {
            // A dependency the table has no figure for is sized like a requested one.
            if (!has(name)) pending.push(name);
            continue;
          }
          if (has(d.name) || picked.has(d.name)) continue;
          take(d);
          queue.push(...(d.row.deps ?? []));
        }
        continue;
      }
      const deb = proxy.toDebian(n);
      if (deb) measuredRoots.push({ hit, deb });
      else noDeps.push(hit.name);
      continue;
    }
    if (has(n)) continue;
    const deb = proxy.toDebian(n);
    if (deb) debRoots.push(...deb);
    else unknown.push(n);
  }
}

/** The sentences of an install's basis: where each figure came from, and what was left out. */
function basisParts(
  w: Walk,
  p: { proxyNames: string[]; ratio: number; ratioCount: number; debianOnly: ReadonlySet<string> },
): string[] {
  const { picked, borrowed, release, noDeps, unknown } = w;
  const { proxyNames, ratio, debianOnly } = p;
  const parts: string[] = [];
  if (picked.size)
    parts.push(
      `${picked.size} package(s) at their measured Alpine ${[...new Set([...picked.values()].map((h) => h.release))].join('/')} installed size`,
    );
  if (borrowed.size) parts.push(`Alpine ${release} sized from release ${[...borrowed].join('/')} figures`);
  if (proxyNames.length)
    parts.push(
      `${proxyNames.length} more approximated by their Debian trixie equivalents × ${ratio} (Alpine/Debian size ratio measured on ${p.ratioCount} packages)`,
    );
  if (noDeps.length) parts.push(`dependencies of ${noDeps.join(', ')} not known`);
  if (debianOnly.size) {
    const only = [...debianOnly].sort();
    parts.push(
      `not counted: ${only.length} Debian-only package(s) of the Debian equivalents' closures (${only.slice(0, 4).join(', ')}${only.length > 4 ? ', …' : ''})`,
    );
  }
  if (unknown.length) parts.push(`no Alpine figure or equivalent for ${unknown.join(', ')}`);
  for (const j of w.jdks) parts.push(j.label);
  return parts;
}

/**
 * Size of `apk add <names>` on an Alpine release: measured packages with their known dependencies,
 * the rest (and the unknown dependencies of measured packages) through the Debian proxy.
 */
export function alpineInstall(
  osRelease: string | null,
  requested: string[],
  installed: ReadonlySet<string> | null,
  proxy: AlpineSizing,
): PackageSizeResult {
  const t = alpineTable();
  const w = newWalk(alpineRelease(osRelease), installed);
  const { picked, measuredRoots, debRoots, unknown, noDeps } = w;
  walkRequested(t, w, requested, proxy);
  const ratio = t.ratio.value;
  const deps = measuredDependencies(t, w, proxy);
  const rest = proxiedRest(t, w, proxy, deps.seen, ratio);
  const unknownDeb = [...deps.unknownDeb, ...rest.unknown];
  let measured = 0;
  for (const h of picked.values()) measured += h.row.bytes;
  const jdk = { installedBytes: 0, compressedBytes: 0 };
  for (const j of w.jdks) {
    jdk.installedBytes += j.row.installedBytes;
    jdk.compressedBytes += j.row.compressedBytes;
  }

  const parts = basisParts(w, {
    proxyNames: rest.proxyNames,
    ratio,
    ratioCount: t.ratio.count,
    debianOnly: deps.debianOnly,
  });
  const onlyMeasured = debRoots.length === 0 && unknown.length === 0 && w.jdks.length === 0;
  // Sized from Alpine's own figures only: high when the dependencies came from its index too.
  const confidence: Confidence = !onlyMeasured
    ? 'low'
    : measuredRoots.length || noDeps.length
      ? 'medium'
      : 'high';
  return {
    installedBytes: measured + rest.proxied + jdk.installedBytes,
    ...(w.jdks.length ? { precompressed: jdk } : {}),
    // apk keeps no package archives unless a cache directory is configured.
    downloadBytes: 0,
    packages: [...[...picked.keys()].sort(), ...rest.proxyNames, ...w.jdks.map((j) => j.name)],
    unknown: [...unknown, ...unknownDeb.filter((u) => !unknown.includes(u))],
    confidence,
    basis: `apk: ${parts.join('; ') || 'nothing new to install'}.`,
  };
}

/**
 * Dependencies of a measured package: the packages of its Debian equivalent's closure that
 * Alpine has (measured) and that every measured image holding it also holds. Debian's closure is
 * a superset: it splits what one Alpine package holds and builds in more features (Kerberos,
 * LDAP, RTMP for curl); those have no Alpine counterpart in the images and are left out
 * (debianOnly). `seen` is every Debian package accounted for so far.
 */
function measuredDependencies(t: AlpineTable, w: Walk, proxy: AlpineSizing) {
  const { picked, measuredRoots, has, take, release } = w;
  const debianOnly = new Set<string>();
  const installedDebian = baseStandIns(t, w, proxy);
  const seen = new Set(installedDebian ?? []);
  const unknownDeb: string[] = [];
  for (const { hit, deb } of measuredRoots) {
    const cl = proxy.debian.closure(deb, { recommends: false, installed: installedDebian });
    unknownDeb.push(...cl.unknown);
    for (const p of cl.packages) {
      seen.add(p);
      if (deb.includes(p)) continue;
      const dep = t.lookupDebian(p, release);
      // An image that holds the package but not this one shows Alpine does not need it.
      if (!dep || !coInstalled(hit.row, dep.row)) debianOnly.add(p);
      else if (!has(dep.name) && !picked.has(dep.name)) take(dep);
    }
  }
  for (const p of [...debianOnly])
    if (picked.has(t.lookupDebian(p, release)?.name ?? '')) debianOnly.delete(p);
  return { seen, unknownDeb, debianOnly };
}

/**
 * The Debian packages the image counts as installed. A Debian base package stands for what the
 * minirootfs does (libc, shell, core tools) unless Alpine has it as a package of its own the image
 * lacks (zstd-libs, xz-libs, libunistring...).
 */
function baseStandIns(t: AlpineTable, w: Walk, proxy: AlpineSizing): Set<string> | null {
  if (!proxy.installedDebian) return null;
  return new Set(
    [...proxy.installedDebian].filter((d) => {
      if (proxy.mappedInstalled?.has(d)) return true;
      const own = t.lookupDebian(d, w.release);
      return !own || w.has(own.name);
    }),
  );
}

/**
 * Packages with no measured figure: their Debian equivalent's whole closure. Every package of it
 * whose Alpine package the table has takes the Alpine figure, and so do Debian's versioned or
 * per-architecture splits of it (gcc-14, cpp-14-x86-64-linux-gnu, binutils-common are parts of
 * Alpine's gcc and binutils); the rest is scaled by the measured ratio.
 */
function proxiedRest(t: AlpineTable, w: Walk, proxy: AlpineSizing, seen: Set<string>, ratio: number) {
  const { picked, measuredRoots, debRoots, has, take, release } = w;
  const rest = proxy.debian.closure(debRoots, { recommends: false, installed: seen });
  const proxyNames: string[] = [];
  const asAlpine = new Set(measuredRoots.flatMap((r) => r.deb));
  const unmapped: string[] = [];
  for (const p of rest.packages) {
    const hit = t.lookupDebian(p, release);
    if (!hit) {
      unmapped.push(p);
      continue;
    }
    asAlpine.add(p);
    if (!has(hit.name) && !picked.has(hit.name)) take(hit);
  }
  let proxied = 0;
  for (const p of unmapped) {
    if ([...asAlpine].some((m) => splitOf(p, m))) continue;
    proxied += (proxy.debian.installedBytes(p) ?? 0) * ratio;
    proxyNames.push(p);
  }
  return { proxyNames, proxied: Math.round(proxied), unknown: rest.unknown };
}
