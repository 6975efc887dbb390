// The build pattern of Docker's Debian official images: save `apt-mark showmanual`, install the
// build dependencies, build into /usr/local, `apt-mark auto '.*'`, mark manual again the saved
// list, the runtime libraries an ldd scan of /usr/local finds (piped into `xargs apt-mark manual`)
// and any package named, then `apt-get purge --auto-remove`. Everything else this RUN installed
// goes. The scan's result is only known when the image is built: as on the Alpine side
// (alpine-rundeps.ts), each -dev package the RUN installed stands for the runtime libraries it
// depends on in the Debian table (libssl-dev → libssl3, zlib1g-dev → zlib1g).
import * as H from './heuristics';
import { makeItem } from './ledger';
import { addItem, liveItems } from './context';
import { formatBytes } from '../primitives/bytes';
import { debianIndex, debianSuiteFor } from './packages';
import { osFamilyFor } from './ecosystems/os';
import { installedByNameBefore, type PackageRemove, type RunScope } from './commands/scope';

/** -dev packages a build does not link by default (tools, interpreters, compilers). */
const NOT_LINKED =
  /^(dpkg|python3(\.\d+)?|perl|libperl|tcl[\d.]*|tk[\d.]*|ruby[\d.]*|llvm[\d-]*|clang[\d-]*)-dev$/;

/** A shared-library package: Debian names them for their soname (libffi8, libssl3t64, zlib1g). */
const LIBRARY = /^(lib|zlib)[a-z0-9.+-]*\d(t64)?$/;

type PackageMark = ReturnType<typeof marksBefore>[number];

/** The package-mark effects of this RUN before the purge. */
function marksBefore(s: RunScope, e: PackageRemove) {
  return s.ins.shell.effects.flatMap((x) =>
    x.kind === 'package-mark' && x.manager === 'apt' && x.command < e.command ? [x] : [],
  );
}

/**
 * The packages this RUN asked for before it saved `apt-mark showmanual` (`savedAptMark="$(apt-mark
 * showmanual)"`), when a later `apt-mark manual $savedAptMark` restores that list: they were
 * manual when it was saved, so they survive the purge (mariadb installs its runtime packages, then
 * saves the list, then installs gpg-agent and wget only to fetch gosu).
 */
function savedManual(s: RunScope, e: PackageRemove, manual: PackageMark[]): string[] {
  if (!manual.some((m) => m.packages.some((p) => p.name.startsWith('$')))) return [];
  const saved = s.ins.shell.commands.findIndex(
    (c, k) => k < e.command && c.name === 'apt-mark' && c.args.includes('showmanual'),
  );
  return saved < 0 ? [] : installedByNameBefore(s, 'apt', saved);
}

/** The runtime libraries of the -dev packages this RUN's apt installs named. */
function scannedLibraries(s: RunScope, e: PackageRemove, before: ReadonlySet<string>): string[] {
  const devs = installedByNameBefore(s, 'apt', e.command).filter(
    (n) => n.endsWith('-dev') && !NOT_LINKED.test(n),
  );
  if (!devs.length) return [];
  const index = debianIndex(debianSuiteFor(osFamilyFor('apt', s), s.st.os.release).suite);
  const libs = new Set<string>();
  for (const d of devs)
    for (const dep of index.dependsOf(d)) if (LIBRARY.test(dep) && !before.has(dep)) libs.add(dep);
  return [...libs].sort();
}

/**
 * `apt-get purge --auto-remove` after `apt-mark auto` in the same RUN: the packages installed in
 * it go, except those marked manual again. Returns false when no `apt-mark auto` precedes.
 */
export function purgeMarkedAuto(s: RunScope, e: PackageRemove): boolean {
  const marks = marksBefore(s, e);
  if (!marks.some((m) => m.mark === 'auto')) return false;
  const here = s.layer.items.filter((i) => i.packages && i.manager === 'apt');
  if (!here.length) return true;
  // What stays installed regardless: the base and the packages of earlier layers (the saved list).
  const before = new Set(s.st.os.installed ?? []);
  for (const i of liveItems(s.st))
    if (i.manager === 'apt' && !here.includes(i)) for (const p of i.packages ?? []) before.add(p);
  const manual = marks.filter((m) => m.mark === 'manual');
  const isNew = (n: string) => /^[a-z0-9][a-z0-9.+-]*$/.test(n) && !before.has(n);
  const named = manual.flatMap((m) => m.packages.map((p) => p.name).filter(isNew));
  const saved = savedManual(s, e, manual).filter((n) => isNew(n) && !named.includes(n));
  const scanned = manual.some((m) => m.piped) ? scannedLibraries(s, e, before) : [];
  const roots = [...new Set([...named, ...saved, ...scanned])];
  const goneBytes = here.reduce((sum, i) => sum + i.bytes, 0);
  const goneNames = new Set(here.flatMap((i) => i.packages ?? []));
  for (const i of here) s.layer.items.splice(s.layer.items.indexOf(i), 1);
  const kept = roots.length
    ? s.ctx.deps.packages.osInstall(osFamilyFor('apt', s), s.st.os.release, roots, {
        recommends: false,
        installed: before,
      })
    : null;
  const keptNames = new Set(kept?.packages ?? []);
  for (const n of goneNames) if (!keptNames.has(n) && !before.has(n)) s.st.osInstalled.delete(n);
  s.layer.notes.push(
    `apt-mark auto, then purge --auto-remove: the packages installed in this RUN go (≈ ${formatBytes(goneBytes)} never reach the layer)` +
      (roots.length ? ', except those marked manual again' : ''),
  );
  if (!kept) return true;
  const bytes =
    kept.installedBytes +
    kept.packages.length * H.DPKG_PER_PACKAGE_BYTES +
    H.DPKG_DB_REWRITE_BYTES +
    kept.unknown.length * H.UNKNOWN_OS_PACKAGE_BYTES;
  const shown = roots.slice(0, 4).join(', ') + (roots.length > 4 ? ', …' : '');
  const how = [
    scanned.length
      ? `${scanned.length} runtime ${scanned.length === 1 ? 'library' : 'libraries'} of the -dev packages, for the ldd scan`
      : '',
    named.length ? `${named.length} named in apt-mark manual` : '',
    saved.length ? `${saved.length} installed before the saved apt-mark showmanual list` : '',
  ].filter(Boolean);
  addItem(
    s.st,
    s.layer,
    makeItem(
      'os-packages',
      '/usr/lib',
      bytes,
      'low',
      `packages marked manual again survive the purge: ${shown} (${how.join('; ')}), ≈ ${formatBytes(kept.installedBytes)} with their dependencies`,
      { packages: [...new Set([...roots, ...kept.packages])], manager: 'apt' },
    ),
  );
  return true;
}
