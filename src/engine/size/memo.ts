// Memos of the size model's look-ups, shared by every analysis in the process (the rewriter and
// the rules ask the same questions again and again). What they hand out is frozen: an analysis
// that changed a shared result would change the next analysis's answer (issue 20).
import type { BaseImageLookup, BaseResolution, CatalogEntry, PackageSizer, PackageSizeResult } from './types';
import { deepFreeze, isFrozenSet } from '../frozen';

/** A map that forgets its oldest entry past `max` (the memos must stay bounded). */
function bounded<V>(max: number) {
  const cache = new Map<string, V>();
  return {
    get: (key: string) => cache.get(key),
    set(key: string, value: V): V {
      if (cache.size >= max) cache.delete(cache.keys().next().value as string);
      cache.set(key, value);
      return value;
    },
  };
}

/**
 * Package closures memoised by their full input. The installed set enters the key in its own
 * order, unsorted: equal keys still mean equal sets (a set listed in another order only misses the
 * memo), and no key sorts a whole package set.
 */
export function memoSizer(inner: PackageSizer, max = 2000): PackageSizer {
  const cache = bounded<PackageSizeResult>(max);
  return {
    osInstall(os, release, names, opts) {
      const key = `${os}|${release}|${opts.recommends}|${names.join(',')}|${setKey(opts.installed)}`;
      return cache.get(key) ?? cache.set(key, deepFreeze(inner.osInstall(os, release, names, opts)));
    },
  };
}

/** The key part of frozen (shared, unchanging) sets, such as a base image's packages: built once. */
const frozenSetKeys = new WeakMap<ReadonlySet<string>, string>();

function setKey(installed: ReadonlySet<string> | null): string {
  if (!installed) return '-';
  let key = frozenSetKeys.get(installed);
  if (key !== undefined) return key;
  key = `${installed.size}:`;
  for (const name of installed) key += `${name},`;
  if (isFrozenSet(installed)) frozenSetKeys.set(installed, key);
  return key;
}

/**
 * Base-image resolutions memoised by the reference as written (a resolution parses the reference
 * and ranks the image's catalog tags; every parse of every edited text asks again), and each
 * catalog entry's alternatives by its reference (a scan of the whole catalog per question).
 */
export function memoBases(inner: BaseImageLookup, max = 1000): BaseImageLookup {
  const resolutions = bounded<BaseResolution>(max);
  const alternatives = bounded<CatalogEntry[]>(max);
  return {
    resolve: (reference) =>
      resolutions.get(reference) ?? resolutions.set(reference, deepFreeze(inner.resolve(reference))),
    alternatives: (entry) =>
      alternatives.get(entry.reference) ??
      alternatives.set(entry.reference, deepFreeze(inner.alternatives(entry))),
    installedPackages: (entry) => inner.installedPackages(entry),
  };
}
