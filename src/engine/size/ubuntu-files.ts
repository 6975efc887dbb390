// What an apt install on an Ubuntu image really writes, from a measured Debian .deb row
// (src/data/debian-package-files.json, scripts/data/measure-deb-files.ts). Two things remove files
// that Debian's .debs carry, both from their sources (see PROVENANCE.md):
//   * Ubuntu's package builds strip every upstream changelog (Launchpad's pkgbinarymangler,
//     pkgstripfiles: only the package's Debian changelog stays). Debian's gnupg2 ships a 430 kB
//     upstream changelog in each of its nine binaries, already gzip'd: 3.9 MB of layer that no
//     Ubuntu gnupg install has.
//   * The image's dpkg path-excludes (livecd-rootfs, minimized images): man pages, LC_MESSAGES .mo
//     catalogues, /usr/share/doc except copyright and changelogs. Before 21.10 only
//     `changelog.Debian.*` was kept, so 20.04 also drops a native package's `changelog.gz`.
// The compressed size is measured on the payload as Ubuntu keeps it (ubuntuGzipBytes), not the
// whole payload's ratio applied to what is left: the dropped files are mostly gzip'd already.

/** Which Ubuntu rule applies: 'ubuntu' keeps `changelog.*`, 'ubuntu-focal' only `.Debian` ones. */
export type UbuntuProfile = 'ubuntu' | 'ubuntu-focal';

/** livecd-rootfs kept only `changelog.Debian.*` until its 21.10 (impish) series (LP: #1943114). */
export function ubuntuProfile(release: string | null): UbuntuProfile {
  const v = parseFloat(release ?? '');
  return Number.isFinite(v) && v < 21.1 ? 'ubuntu-focal' : 'ubuntu';
}

/** Columns each profile drops (doc already excludes changelogs; see the table's `classes`). */
export const UBUNTU_DROPPED: Record<UbuntuProfile, string[]> = {
  ubuntu: ['doc', 'man', 'localeMo', 'changelogUpstream'],
  'ubuntu-focal': ['doc', 'man', 'localeMo', 'changelogUpstream', 'changelogNative'],
};

export interface UbuntuRow {
  /** Share of the payload's bytes the image does not get. */
  droppedShare: number;
  /** gzip bytes of what it gets, per byte of the payload. */
  gzipPerByte: number;
}

/**
 * The measured facts of one row under an Ubuntu profile, or null when the row predates the
 * Ubuntu columns (the caller then uses the byte shares of the Debian classes).
 */
export function ubuntuRow(
  layout: readonly string[],
  row: readonly number[],
  profile: UbuntuProfile,
): UbuntuRow | null {
  const at = (name: string) => row[layout.indexOf(name)];
  const file = at('fileBytes');
  const gzip = at('ubuntuGzipBytes');
  if (!(file > 0) || gzip === undefined) return null;
  const dropped = UBUNTU_DROPPED[profile].reduce((n, c) => n + (at(c) ?? 0), 0);
  // A native changelog is a .gz file: what 20.04 drops of it comes off the gzip size whole.
  const kept = profile === 'ubuntu-focal' ? Math.max(0, gzip - at('changelogNative')) : gzip;
  return { droppedShare: dropped / file, gzipPerByte: kept / file };
}
