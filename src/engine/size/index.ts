// The size model's public surface: the layer ledger over the base-image catalog and the package
// tables. See estimate.ts (stages and bases), run.ts (RUN), copy.ts (COPY/ADD), ledger.ts (items).
import type { DockerfileModel, Stage } from '../model';
import type { ResolvedOptions } from '../options';
import type { BaseAlternative, Estimate } from '../types';
import type { SizeDeps } from './context';
import { estimateWith, safeResolve } from './estimate';
import { alternativesFor } from './alternatives';
import { baseImages } from './catalog';
import { packageSizer } from './packages';

export type { SizeDeps } from './context';
export { estimateWith } from './estimate';

const DEFAULT_DEPS: SizeDeps = { bases: baseImages, packages: packageSizer };

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
