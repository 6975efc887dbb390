// Removals in a RUN: package removals, cache cleanups and rm, against what earlier layers hold.
import * as H from '../heuristics';
import { liveBytes, relate, resolvePath, type LedgerItem } from '../ledger';
import { formatBytes } from '../../primitives/bytes';
import { homeOf, liveItems, removalNote, removePaths, removeWhere } from '../context';
import type { ContentKind } from '../ratios';
import { cacheFolder } from '../../ecosystems';
import { installedByNameBefore, type PackageRemove, type RunScope } from './scope';
import { prune } from '../ecosystems/node';
import { purgeMarkedAuto } from '../apt-mark';
import { installedSet, isDebianLike, listNames, osFamilyFor } from '../ecosystems/os';

export function packageRemove(s: RunScope, e: PackageRemove): void {
  const names = e.packages.map((p) => p.name).filter((n) => n && !n.startsWith('-'));
  const m = e.manager;
  if (m === 'npm' || m === 'yarn' || m === 'pnpm') {
    // `npm prune` / `pnpm prune` (an autoremove of what the manifest does not list).
    if (names.length === 0 || e.autoremove) return prune(s);
    return;
  }
  if (m !== 'apt' && m !== 'apk' && m !== 'dnf' && m !== 'yum' && m !== 'microdnf' && m !== 'zypper') return;
  // apk del <virtual group>: the whole group goes.
  const groups = names.filter((n) => [...s.layer.items, ...liveItems(s.st)].some((i) => i.group === n));
  if (groups.length) {
    const r = removeWhere(s.st, s.layer, (i) => (i.group && groups.includes(i.group) ? 'covers' : 'none'));
    const note = removalNote(`the ${groups.join(', ')} package group`, r);
    if (note) s.layer.notes.push(note);
  }
  if (m === 'apt' && names.length === 0 && e.autoremove && purgeMarkedAuto(s, e)) return;
  const rest = names.filter((n) => !groups.includes(n));
  // Packages installed in this same RUN shrink this layer; from earlier layers they stay.
  const here = s.layer.items.filter((i) => i.packages && i.manager === m);
  const earlier = liveItems(s.st).filter((i) => i.packages && i.manager === m && !s.layer.items.includes(i));
  if (rest.length === 0 && e.autoremove && names.length === 0) return autoremoveAfterRemovals(s, e, here);
  if (rest.length === 0) return;
  const bytes = removedBytes(s, e, rest, e.autoremove);
  const inHere = here.filter((i) => i.packages!.some((p) => rest.includes(p)));
  if (inHere.length) {
    const cut = cutFrom(inHere, bytes);
    s.layer.notes.push(
      `${listNames(rest, 0)} ${e.purge ? 'purged' : 'removed'} in the same RUN (≈ ${formatBytes(cut)} never reach the layer)`,
    );
    return;
  }
  const inEarlier = earlier.filter((i) => i.packages!.some((p) => rest.includes(p)));
  if (inEarlier.length) {
    let left = bytes;
    const lines: number[] = [];
    for (const i of inEarlier) {
      const cut = Math.min(left, liveBytes(i));
      left -= cut;
      i.deleted += cut;
      const l = s.st.layers.find((x) => x.items.includes(i));
      if (l && !lines.includes(l.line)) lines.push(l.line);
    }
    s.layer.notes.push(
      `removing ${listNames(rest, 0)} here saves nothing: the ≈ ${formatBytes(bytes - left)} stay in the layer of line ${lines.join(', ')} (layers are additive), so they count as wasted`,
    );
    return;
  }
  s.layer.notes.push(
    `removing ${listNames(rest, 0)} (installed by the base image) saves nothing: the base layers keep them`,
  );
}

/**
 * The bytes a removal of `names` frees: the packages alone, or with their dependencies that
 * nothing else needs (auto-remove). When this RUN installed them, what its other requested
 * packages need stays: the closure of all it asked for less the closure of what it keeps.
 */
function removedBytes(s: RunScope, e: PackageRemove, names: string[], withDependencies: boolean): number {
  const size = (list: string[], installed: ReadonlySet<string>) => {
    const sized = s.ctx.deps.packages.osInstall(osFamilyFor(e.manager, s), s.st.os.release, list, {
      recommends: false,
      installed,
    });
    const unknown = e.manager === 'apk' ? H.APK_UNKNOWN_PACKAGE_BYTES : H.UNKNOWN_OS_PACKAGE_BYTES;
    return sized.installedBytes + sized.unknown.length * unknown;
  };
  if (!withDependencies) return size(names, installedSet(s, names));
  const base = new Set(s.st.os.installed ?? []);
  const asked = installedByNameBefore(s, e.manager, e.command);
  if (!names.every((n) => asked.includes(n))) return size(names, base);
  const kept = asked.filter((n) => !names.includes(n));
  const all = size(asked, base);
  const freed = Math.max(0, all - (kept.length ? size(kept, base) : 0));
  // The layer holds these packages as installed here (a slim image's excluded docs already off):
  // the share they free is taken from that.
  const inLayer = s.layer.items
    .filter((i) => i.packages && i.manager === e.manager)
    .reduce((sum, i) => sum + i.bytes, 0);
  return all > 0 && inLayer > 0 ? Math.round((inLayer * freed) / all) : freed;
}

/** Takes up to `bytes` off package items of this layer; returns what it took. */
function cutFrom(items: LedgerItem[], bytes: number): number {
  let left = bytes;
  for (const i of items) {
    const cut = Math.min(left, i.bytes);
    left -= cut;
    const ratio = i.bytes > 0 ? i.compressedBytes / i.bytes : 0;
    i.bytes -= cut;
    i.compressedBytes = Math.round(i.bytes * ratio);
  }
  return bytes - left;
}

/**
 * A bare `apt-get autoremove` (dnf's, yum's, zypper's) takes only the dependencies nothing needs
 * any more: those of packages removed before it in this RUN. What the RUN installed by name is
 * marked manual and stays, so with no removal before it nothing goes. (After `apt-mark auto '.*'`
 * everything unmarked goes: apt-mark.ts handles that first.)
 */
function autoremoveAfterRemovals(s: RunScope, e: PackageRemove, here: LedgerItem[]): void {
  const removed = s.ins.shell.effects.flatMap((x) =>
    x.kind === 'package-remove' && x.manager === e.manager && x.command < e.command && !x.autoremove
      ? x.packages.map((p) => p.name).filter((n) => n && !n.startsWith('-'))
      : [],
  );
  const inHere = here.filter((i) => i.packages!.some((p) => removed.includes(p)));
  if (!inHere.length) {
    s.layer.notes.push(
      'the auto-remove takes only packages nothing needs any more: nothing installed in this RUN was removed before it, so it frees nothing',
    );
    return;
  }
  // As `purge --auto-remove <those packages>`, less what their own removal already took.
  const extra = removedBytes(s, e, removed, true) - removedBytes(s, e, removed, false);
  const cut = cutFrom(inHere, Math.max(0, extra));
  if (cut > 0)
    s.layer.notes.push(
      `the auto-remove takes the dependencies of ${listNames(removed, 0)} (≈ ${formatBytes(cut)} never reach the layer)`,
    );
}

export function cacheClean(s: RunScope, cache: string, paths: string[]): void {
  const spec: { kinds: readonly ContentKind[]; what: string } = cacheFolder(cache) ?? {
    kinds: [],
    what: cache,
  };
  const home = homeOf(s.st);
  const resolved = paths.map((p) => resolvePath(s.cwd, p, home));
  if (cache === 'tmp' && resolved.length === 0) resolved.push('/tmp/*');
  const r = removeWhere(s.st, s.layer, (i) => {
    if (spec.kinds.includes(i.kind)) return 'covers';
    for (const p of resolved) if (relate(p, i) === 'covers') return 'covers';
    return 'none';
  });
  const note = removalNote(spec.what, r);
  if (note) s.layer.notes.push(note);
  else if ((cache === 'apt-archives' || cache === 'apt') && isDebianLike(s))
    s.layer.notes.push(
      "apt-get clean frees nothing here: Docker's Debian/Ubuntu images already delete the .deb archives after each install",
    );
  else if (!r.savedHere && !r.wastedEarlier)
    s.layer.notes.push(
      `cleaning ${spec.what} here frees nothing: nothing of the kind was left by this Dockerfile`,
    );
}

export function removeCmd(s: RunScope, paths: string[]): void {
  const home = homeOf(s.st);
  const resolved = paths.map((p) => resolvePath(s.cwd, p, home));
  const r = removePaths(s.st, s.layer, resolved);
  const what =
    resolved.length === 1
      ? resolved[0]
      : `${resolved.slice(0, 2).join(', ')}${resolved.length > 2 ? '…' : ''}`;
  const note = removalNote(what, r);
  if (note) s.layer.notes.push(note);
  else if (
    !resolved.every((p) => p.startsWith('/tmp') || p.startsWith('/var/tmp')) &&
    !/apt\/lists/.test(what)
  ) {
    // Deleting base-image files (docs, locales) in a later layer does not shrink the image.
    const baseish = resolved.some((p) => /^\/(usr|var|etc|lib|opt)\b/.test(p));
    if (baseish)
      s.layer.notes.push(
        `deleting ${what} hides files of earlier layers but saves nothing (layers are additive)`,
      );
  }
}
