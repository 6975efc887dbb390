// The size model's public surface: the layer ledger over the base-image catalog and the package
// tables. See estimate.ts (stages and bases), run.ts (RUN), copy.ts (COPY/ADD), ledger.ts (items).
import type { DockerfileModel, Stage } from '../model';
import type { ResolvedOptions } from '../options';
import type { BaseAlternative, Estimate } from '../types';
import type { PackageSizer, PackageSizeResult } from './types';
import type { SizeDeps } from './context';
import { estimateWith, safeResolve } from './estimate';
import { alternativesFor } from './alternatives';
import { baseImages } from './catalog';
import { packageSizer } from './packages';
import { deepFreeze } from '../frozen';

export type { SizeDeps } from './context';
export { estimateWith } from './estimate';

/**
 * The rewriter and the rules re-estimate near-identical Dockerfiles many times; a dependency
 * closure costs milliseconds, so results are memoised by their full input (bounded). A result is
 * shared by every later analysis that asks the same question, so it is frozen: a caller copies it.
 */
export function memoSizer(inner: PackageSizer, max = 2000): PackageSizer {
  const cache = new Map<string, PackageSizeResult>();
  return {
    osInstall(os, release, names, opts) {
      const installed = opts.installed ? [...opts.installed].sort().join(',') : '-';
      const key = `${os}|${release}|${opts.recommends}|${names.join(',')}|${installed}`;
      const hit = cache.get(key);
      if (hit) return hit;
      const r = deepFreeze(inner.osInstall(os, release, names, opts));
      if (cache.size >= max) cache.delete(cache.keys().next().value as string);
      cache.set(key, r);
      return r;
    },
  };
}

const DEFAULT_DEPS: SizeDeps = { bases: baseImages, packages: memoSizer(packageSizer) };

export function estimateImage(
  model: DockerfileModel,
  opts: ResolvedOptions,
  deps: SizeDeps = DEFAULT_DEPS,
): Estimate {
  return estimateWith(model, opts, deps);
}

export function baseAlternatives(model: DockerfileModel, deps: SizeDeps = DEFAULT_DEPS): BaseAlternative[] {
  return alternativesFor(model, deps.bases);
}

export function describeStageBase(
  _model: DockerfileModel,
  stage: Stage,
  deps: SizeDeps = DEFAULT_DEPS,
): { resolvedBase: string | null; known: boolean } {
  const b = stage.base;
  if ('stage' in b || 'scratch' in b) return { resolvedBase: null, known: true };
  const res = safeResolve({ deps }, b.image || stage.from.resolvedImage || stage.from.image);
  if (res.match === 'scratch') return { resolvedBase: null, known: true };
  return { resolvedBase: res.entry?.reference ?? null, known: res.entry !== null && res.match !== 'unknown' };
}
