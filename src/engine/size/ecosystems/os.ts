// Sizing OS packages: apt, apk, dnf/yum/microdnf and zypper installs, their indexes and caches.
import * as H from '../heuristics';
import type { PackageManager } from '../../model';
import type { Confidence } from '../../types';
import { makeItem } from '../ledger';
import { formatBytes } from '../../primitives/bytes';
import { frozenSet } from '../../frozen';
import { addItem, addNew, liveItems } from '../context';
import { compressed, type ContentKind } from '../ratios';
import type { OsFamily, PackageSizeResult } from '../types';
import type { PackageInstall, RunScope } from '../commands/scope';
import type { EcosystemSizing } from '../commands/scope';
import { scannedRuntimeLibraries } from '../alpine-rundeps';

export function isDebianLike(s: RunScope): boolean {
  const f = s.st.os.family;
  return f === 'debian' || f === 'ubuntu' || f === 'unknown';
}

function aptListsBytes(s: RunScope): number {
  if (s.st.os.family === 'ubuntu') return H.APT_LISTS_BYTES.ubuntu;
  return H.APT_LISTS_BYTES[s.st.os.release ?? ''] ?? H.APT_LISTS_BYTES.default;
}

export function indexUpdate(s: RunScope, manager: PackageManager): void {
  if (manager === 'apt') {
    const bytes = aptListsBytes(s);
    const rel = s.st.os.family === 'ubuntu' ? 'Ubuntu' : (s.st.os.release ?? 'Debian');
    addNew(
      s.st,
      s.layer,
      'apt-lists',
      '/var/lib/apt/lists',
      bytes,
      'medium',
      `apt-get update writes the package lists (≈ ${formatBytes(bytes)} for ${rel}) to /var/lib/apt/lists, kept because this RUN does not remove them`,
    );
  } else if (manager === 'apk') {
    addNew(
      s.st,
      s.layer,
      'apk-cache',
      '/var/cache/apk',
      H.APK_INDEX_BYTES,
      'medium',
      `apk update stores the APKINDEX (≈ ${formatBytes(H.APK_INDEX_BYTES)}) in /var/cache/apk`,
    );
  } else if (manager === 'dnf' || manager === 'yum' || manager === 'microdnf' || manager === 'zypper') {
    addRpmCache(s, manager);
  }
}

function addRpmCache(s: RunScope, manager: string): void {
  const path =
    manager === 'zypper' ? '/var/cache/zypp' : manager === 'yum' ? '/var/cache/yum' : '/var/cache/dnf';
  if (s.layer.items.some((i) => i.kind === 'rpm-cache')) return;
  addNew(
    s.st,
    s.layer,
    'rpm-cache',
    path,
    H.RPM_CACHE_BYTES,
    'low',
    `${manager} keeps its repository metadata cache in ${path} (typically tens of MB, ≈ ${formatBytes(H.RPM_CACHE_BYTES)} assumed) unless cleaned in the same RUN`,
  );
}

/** Nothing installed yet (an image the catalog lists no packages for). */
const NOTHING_INSTALLED = frozenSet<string>();

/**
 * What the image holds before an install: the base's packages and those this Dockerfile added.
 * Before any install that is the base's own set, handed out as it is (frozen and shared, so the
 * package memo's key and the name mappings are worked out once per base, not per install).
 */
export function installedSet(s: RunScope, exclude: string[] = []): ReadonlySet<string> {
  if (s.st.osInstalled.size === 0 && exclude.length === 0) return s.st.os.installed ?? NOTHING_INSTALLED;
  const out = new Set<string>(s.st.os.installed ?? []);
  for (const p of s.st.osInstalled) out.add(p);
  for (const p of exclude) out.delete(p);
  return out;
}

function copyResult(r: PackageSizeResult): PackageSizeResult {
  return { ...r, packages: [...r.packages], unknown: [...r.unknown] };
}

export function osFamilyFor(manager: PackageManager, s: RunScope) {
  const f = s.st.os.family;
  if (manager === 'apt') return f === 'ubuntu' ? 'ubuntu' : 'debian';
  if (manager === 'apk') return f === 'wolfi' ? 'wolfi' : 'alpine';
  return 'rhel';
}

/** Short origin of an apk figure for the layer label, from the sizer's basis (see size/alpine.ts). */
function apkSource(basis: string): string {
  // Java packages are sized as a published JDK/JRE layer (alpine-jdk.ts): their label says which.
  const jdks = basis.match(/\S+ as the published Temurin [^;]*? layer( \([^)]*\))?/g);
  if (!jdks) return apkPackageSource(basis);
  const others = /measured Alpine|Debian trixie equivalents/.test(basis);
  return others ? `${apkPackageSource(basis)}; ${jdks.join('; ')}` : jdks.join('; ');
}

function apkPackageSource(basis: string): string {
  const measured = /measured Alpine ([\d./]+) installed size/.exec(basis);
  const proxy = /Debian trixie equivalents × ([\d.]+)/.exec(basis);
  if (measured && proxy)
    return `measured Alpine ${measured[1]} sizes, the rest as Debian equivalents × ${proxy[1]}`;
  if (measured) return `measured Alpine ${measured[1]} sizes`;
  if (proxy) return `Debian's package index × ${proxy[1]} as a proxy for Alpine`;
  return 'the Alpine package table';
}

export function listNames(names: string[], extra: number): string {
  const shown = names.slice(0, 3).join(', ');
  const more = names.length > 3 ? ` and ${names.length - 3} more` : '';
  const deps = extra > 0 ? ` + ${extra} dependencies` : '';
  return `${shown}${more}${deps}`;
}

export function osInstall(s: RunScope, e: PackageInstall): void {
  const m = e.manager;
  const names = e.packages
    .map((p) => p.name)
    .filter((n) => n && !n.startsWith('-') && !n.endsWith('.deb') && !n.endsWith('.rpm'));
  if (m === 'apt') noteMissingAptUpdate(s);
  if (m === 'apk') scannedRuntimeLibraries(s, e);
  if (names.length === 0) return;
  // Named packages the image already holds: the install adds nothing for them (said in the basis).
  const inBase = names.filter((n) => s.st.os.installed?.has(n));
  const family = osFamilyFor(m, s);
  const release =
    s.st.os.family === family || (family === 'debian' && s.st.os.family === 'unknown')
      ? s.st.os.release
      : null;
  // A copy: the sizer's results are shared with later analyses (memoised) and must stay unchanged.
  const res = copyResult(
    s.ctx.deps.packages.osInstall(family, release, names, {
      recommends: m === 'apk' ? false : !e.noRecommends,
      installed: installedSet(s),
    }),
  );
  // The package database is rewritten whole by every install (dpkg status, apk installed db).
  const dbBytes =
    m === 'apk' ? H.APK_DB_REWRITE_BYTES : m === 'apt' ? H.DPKG_DB_REWRITE_BYTES : H.RPM_DB_REWRITE_BYTES;
  const firstInLayer = !s.layer.items.some((i) => i.packages && i.manager === m);
  let bytes =
    res.installedBytes + res.packages.length * H.DPKG_PER_PACKAGE_BYTES + (firstInLayer ? dbBytes : 0);
  let confidence: Confidence = res.confidence;
  const unknown = res.unknown.filter((n) => !/[*$]/.test(n));
  const { guessed, otherSuite } = sizeUnknown(s, m, family, release, unknown);
  bytes += guessed;
  if (unknown.length > 0 && guessed > bytes * 0.3) confidence = 'low';
  if (m === 'apk' && unknown.length)
    s.layer.notes.push(
      `apk: no measured size or Debian equivalent for ${unknown.join(', ')}; counted as a guess of ≈ ${formatBytes(H.APK_UNKNOWN_PACKAGE_BYTES)} each`,
    );
  for (const p of res.packages) s.st.osInstalled.add(p);
  for (const n of names) s.st.osInstalled.add(n);
  const kind: ContentKind = m === 'apk' ? 'apk-packages' : 'os-packages';
  const where = `${family}${release ? ' ' + release : ''}`;
  const label = installLabel({ e, names, res, inBase, unknown, otherSuite, where, bytes });
  const item = makeItem(kind, '/usr', bytes, confidence, label, {
    packages: [...new Set([...names, ...res.packages])],
    manager: m,
    group: e.virtualName,
    // A part measured as a compressed layer (an apk JDK) keeps its own ratio.
    ...(res.precompressed && {
      compressedBytes:
        res.precompressed.compressedBytes + compressed(bytes - res.precompressed.installedBytes, kind),
    }),
  });
  addItem(s.st, s.layer, item);
  addInstallLeftovers(s, e);
}

function noteMissingAptUpdate(s: RunScope): void {
  if (
    !liveItems(s.st).some((i) => i.kind === 'apt-lists') &&
    !s.layer.items.some((i) => i.kind === 'apt-lists')
  ) {
    s.layer.notes.push(
      'no apt-get update precedes this install, which fails on Debian/Ubuntu images that ship without package lists',
    );
  }
}

/**
 * Names the package table does not know: a name missing from this release's index may exist in
 * the neighbouring Debian suite (sized from there); the rest get a typical size each.
 */
function sizeUnknown(
  s: RunScope,
  m: PackageManager,
  family: OsFamily,
  release: string | null,
  unknown: string[],
): { guessed: number; otherSuite: string | null } {
  let guessed = 0;
  let otherSuite: string | null = null;
  for (const n of unknown) {
    const other = m === 'apt' ? (release === 'trixie' ? 'bookworm' : 'trixie') : null;
    if (other) {
      const alt = s.ctx.deps.packages.osInstall(family, other, [n], {
        recommends: false,
        installed: installedSet(s),
      });
      if (alt.unknown.length === 0 && alt.installedBytes > 0) {
        guessed += alt.installedBytes;
        otherSuite = other;
        for (const p of alt.packages) s.st.osInstalled.add(p);
        continue;
      }
    }
    guessed += m === 'apk' ? H.APK_UNKNOWN_PACKAGE_BYTES : H.UNKNOWN_OS_PACKAGE_BYTES;
  }
  return { guessed, otherSuite };
}

interface InstallFacts {
  e: PackageInstall;
  names: string[];
  res: PackageSizeResult;
  /** Named packages the base image already holds. */
  inBase: string[];
  unknown: string[];
  otherSuite: string | null;
  /** The package index's family and release, e.g. `debian bookworm`. */
  where: string;
  bytes: number;
}

/** The layer's basis sentence: what was installed, how big, and where the figure comes from. */
function installLabel(f: InstallFacts): string {
  const { e, names, res, inBase, unknown } = f;
  const m = e.manager;
  const guessedNote = unknown.length
    ? f.otherSuite
      ? `, ${unknown.join(', ')} sized from ${f.otherSuite}`
      : `, ${unknown.length} unknown name(s) guessed`
    : '';
  const src =
    unknown.length === names.length
      ? 'a typical size per package (not in the tables)'
      : m === 'apk'
        ? apkSource(res.basis) + guessedNote
        : `${/approximat|proxy/i.test(res.basis) ? `Debian's package index as a proxy for ${f.where}` : `the ${f.where} package index`}${guessedNote}`;
  const recs = m === 'apt' ? (e.noRecommends ? ', without Recommends' : ', Recommends included') : '';
  const extraDeps = Math.max(0, res.packages.length - names.length);
  const present =
    inBase.length === 0
      ? ''
      : inBase.length === names.length && res.packages.length === 0
        ? `; ${inBase.length === 1 ? 'it is' : 'they are all'} already in the base image, so only the package database is rewritten`
        : `; ${listNames(inBase, 0)} already in the base image`;
  return `${m === 'apt' ? 'apt-get' : m} installs ${listNames(names, extraDeps)} (≈ ${formatBytes(f.bytes)} from ${src}${recs}${present})`;
}

/** What an install leaves besides the packages: apk's index without --no-cache, rpm's metadata cache. */
function addInstallLeftovers(s: RunScope, e: PackageInstall): void {
  const m = e.manager;
  if (m === 'apt') {
    if (isDebianLike(s))
      s.layer.notes.push(
        "the .deb archives are not kept: Docker's Debian/Ubuntu images delete them after each install (docker-clean apt config)",
      );
  } else if (m === 'apk') {
    if (
      !e.noCache &&
      !s.layer.items.some((i) => i.kind === 'apk-cache') &&
      !liveItems(s.st).some((i) => i.kind === 'apk-cache')
    ) {
      addNew(
        s.st,
        s.layer,
        'apk-cache',
        '/var/cache/apk',
        H.APK_INDEX_BYTES,
        'medium',
        `without --no-cache apk keeps its index in /var/cache/apk (≈ ${formatBytes(H.APK_INDEX_BYTES)})`,
      );
    }
  } else if (!e.noCache) {
    addRpmCache(s, m);
  }
}

export const osSizing: EcosystemSizing = { install: (s, e) => osInstall(s, e), builds: {} };
