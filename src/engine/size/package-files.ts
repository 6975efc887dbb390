// What a .deb install really writes on a given base, from measured packages
// (src/data/debian-package-files.json, scripts/data/measure-deb-files.ts):
//   * path-excludes: Debian's slim images and Ubuntu's images tell dpkg not to install
//     documentation, man pages and translations, so the layer is smaller than the index's
//     Installed-Size by each package's measured share of those files;
//   * compression: each package's payload measured as tar | gzip -6 (what a layer blob stores),
//     instead of one ratio for every package;
//   * byte-compiled Python: the .pyc files a package's postinst writes (py3compile) are in the
//     layer but not in the .deb, measured by compiling the package's modules.
// Packages not measured take the median of the measured ones, and the label says how many.
import table from '../../data/debian-package-files.json';
import type { OsInfo } from './ledger';
import { DEBIAN_SUITES, debianIndex, debianSuiteFor, type DebianSuite } from './packages';
import { mapReleaseName } from './name-map';
import { ubuntuProfile, ubuntuRow, type UbuntuProfile } from './ubuntu-files';
import { ubuntuEraSuite } from './ubuntu-eras';

interface FilesDoc {
  layout: string[];
  suites: Record<string, Record<string, number[]>>;
}
const DOC = table as unknown as FilesDoc;
const col = (name: string) => DOC.layout.indexOf(name);
const FILE = col('fileBytes');
const GZIP = col('gzipBytes');
const PYC = col('pycBytes');
const PYC_GZIP = col('pycGzipBytes');

/** Which dpkg path-excludes an image has (see PROVENANCE.md for the files they come from). */
export type ExcludeProfile = 'debian-slim' | UbuntuProfile;

/** Columns excluded by each profile. Debian slim: debuerreotype's .slimify-excludes (doc, man,
 *  info, groff, linda, lintian overrides, locale; copyright kept). Ubuntu's minimized images
 *  (livecd-rootfs): doc (copyright and changelogs kept), man and the .mo catalogues; a row with
 *  the Ubuntu columns is read by ubuntu-files.ts instead, which also drops what Ubuntu's builds
 *  strip. */
const EXCLUDED: Record<ExcludeProfile, string[]> = {
  'debian-slim': ['doc', 'changelog', 'man', 'infoGroffLintian', 'locale', 'localeMo'],
  ubuntu: ['doc', 'man', 'localeMo'],
  'ubuntu-focal': ['doc', 'man', 'localeMo'],
};

export function excludeProfile(os: OsInfo): ExcludeProfile | null {
  if (os.family === 'ubuntu')
    return /chiseled/.test(os.entry?.variant ?? '') ? null : ubuntuProfile(os.release);
  if (os.family === 'debian' && os.entry && /(^|-)slim(-|$)/.test(os.entry.tag)) return 'debian-slim';
  return null;
}

const rowMemo = new Map<string, number[] | null>();

/** The measured row of a package: this suite's, else another suite's under the same or the
 *  mapped name (bookworm's `libssl3` is trixie's `libssl3t64`). Looked up once per name and suite. */
function row(name: string, suite: string): number[] | null {
  const key = `${suite} ${name}`;
  let found = rowMemo.get(key);
  if (found === undefined) rowMemo.set(key, (found = findRow(name, suite)));
  return found;
}

function findRow(name: string, suite: string): number[] | null {
  const direct = DOC.suites[suite]?.[name] ?? Object.values(DOC.suites).find((s) => s[name])?.[name];
  if (direct) return direct;
  for (const [other, rows] of Object.entries(DOC.suites)) {
    if (other === suite || !DEBIAN_SUITES.includes(other as DebianSuite)) continue;
    const mapped = mapReleaseName(name, debianIndex(other as DebianSuite)).name;
    if (mapped && rows[mapped]) return rows[mapped];
  }
  return null;
}

function median(xs: number[]): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const medians = new Map<string, { excluded: number; ratio: number }>();
/** The median excluded share and the overall gzip ratio of a suite's measured packages (for its
 *  unmeasured ones; every suite's when it has none of its own). */
function medianFacts(profile: ExcludeProfile | null, suite: string): { excluded: number; ratio: number } {
  const key = `${profile ?? '-'} ${suite}`;
  let m = medians.get(key);
  if (!m) {
    const own = DOC.suites[suite];
    const rows = own ? Object.values(own) : Object.values(DOC.suites).flatMap((s) => Object.values(s));
    const cols = profile ? EXCLUDED[profile].map(col) : [];
    const facts = rows
      .filter((r) => r[FILE] > 0)
      .map((r) => {
        const u = isUbuntu(profile) ? ubuntuRow(DOC.layout, r, profile) : null;
        const share = u ? u.droppedShare : cols.reduce((n, c) => n + r[c], 0) / r[FILE];
        return {
          share,
          kept: r[FILE] * (1 - share),
          gzip: u ? u.gzipPerByte * r[FILE] : r[GZIP] * (1 - share),
        };
      });
    m = {
      excluded: median(facts.map((f) => f.share)),
      // Byte-weighted: what all measured payloads together compress to.
      ratio: facts.reduce((n, f) => n + f.kept, 0) / facts.reduce((n, f) => n + f.gzip, 0),
    };
    medians.set(key, m);
  }
  return m;
}

function isUbuntu(profile: ExcludeProfile | null): profile is UbuntuProfile {
  return profile === 'ubuntu' || profile === 'ubuntu-focal';
}

export interface PackageFilesResult {
  /** Installed bytes the path-excludes keep out of the layer. */
  excludedBytes: number;
  /** Compressed bytes of what is installed (after exclusion), package by package. */
  compressedBytes: number;
  /** Installed bytes the packages account for (index Installed-Size). */
  installedBytes: number;
  /** Bytes the install writes beyond the packages' files (.pyc from byte-compiling), and their
   *  compressed size (included in compressedBytes). */
  generatedBytes: number;
  generatedCompressedBytes: number;
  measured: number;
  unmeasured: number;
}

/**
 * Measured facts for an installed package set on a base: the bytes the base's path-excludes drop
 * and the gzip size of the rest. Null when the table has none of the packages.
 */
export function packageFiles(os: OsInfo, packages: readonly string[]): PackageFilesResult | null {
  const { suite } = debianSuiteFor(os.family, os.release);
  const profile = excludeProfile(os);
  const cols = profile ? EXCLUDED[profile].map(col) : [];
  const fallback = medianFacts(profile, suite);
  const out: PackageFilesResult = {
    excludedBytes: 0,
    compressedBytes: 0,
    installedBytes: 0,
    generatedBytes: 0,
    generatedCompressedBytes: 0,
    measured: 0,
    unmeasured: 0,
  };
  for (const p of packages) {
    if (os.installed?.has(p)) continue;
    // An Ubuntu package packaged like another suite's is that suite's row (ubuntu-eras.ts).
    const era = os.family === 'ubuntu' ? ubuntuEraSuite(os.release, p) : null;
    const own = era && debianIndex(era).has(p) ? era : suite;
    const installed = debianIndex(own).installedBytes(p);
    if (installed === null) continue;
    const r = row(p, own);
    let share = fallback.excluded;
    let ratio = fallback.ratio;
    const u = r && isUbuntu(profile) ? ubuntuRow(DOC.layout, r, profile) : null;
    // Ubuntu on the stand-in suite's own row: the measured bytes of the files as they are (the
    // index's Installed-Size counts whole KiB blocks: tzdata 3.5 MB for 1.9 MB of files).
    const base = u && DOC.suites[own]?.[p] === r ? r![FILE] : installed;
    if (r && r[FILE] > 0) {
      share = u ? u.droppedShare : cols.reduce((n, c) => n + r[c], 0) / r[FILE];
      if (!u) ratio = r[GZIP] > 0 ? r[FILE] / r[GZIP] : ratio;
      // Scaled by this suite's Installed-Size, like the excluded share (another version's row).
      if (PYC >= 0 && r[PYC] > 0) {
        out.generatedBytes += (installed * r[PYC]) / r[FILE];
        out.generatedCompressedBytes += (installed * r[PYC_GZIP]) / r[FILE];
      }
      out.measured++;
    } else out.unmeasured++;
    const kept = profile ? base * (1 - share) : installed;
    out.installedBytes += installed;
    out.excludedBytes += installed - kept;
    // Ubuntu: the gzip size of what the image keeps, measured (its dropped files are gzip'd).
    out.compressedBytes += u ? base * u.gzipPerByte : kept / ratio;
  }
  if (out.measured === 0) return null;
  out.generatedBytes = Math.round(out.generatedBytes);
  out.generatedCompressedBytes = Math.round(out.generatedCompressedBytes);
  out.excludedBytes = Math.round(out.excludedBytes);
  out.compressedBytes = Math.round(out.compressedBytes + out.generatedCompressedBytes);
  return out;
}

/**
 * Requested names the suite's table does not hold under that name: those mapped from another
 * release (said, with the name used) and those really unknown (sized as a typical package by the
 * caller, and said, never silently).
 */
export function nameNotes(os: OsInfo, packages: readonly string[]): { mapped: string[]; unknown: string[] } {
  const { suite, approx } = debianSuiteFor(os.family, os.release);
  const ix = debianIndex(suite);
  const mapped: string[] = [];
  const unknown: string[] = [];
  for (const p of packages) {
    if (!/^[a-z0-9][a-z0-9.+-]*$/.test(p) || ix.has(p)) continue;
    const m = approx ? mapReleaseName(p, ix) : null;
    if (m?.why) mapped.push(m.why);
    else if (!m?.name) unknown.push(p);
  }
  return { mapped, unknown };
}
