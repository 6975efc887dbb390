// TEMPORARY stub: replaced by the size model (issue 4).
import type { DockerfileModel, Stage } from '../model';
import type { ResolvedOptions } from '../options';
import type { BaseAlternative, Estimate } from '../types';
export function estimateImage(_model: DockerfileModel, _opts: ResolvedOptions): Estimate {
  return { uncompressedBytes: 0, compressedBytes: 0, confidence: 'low', layers: [] };
}
export function baseAlternatives(_model: DockerfileModel): BaseAlternative[] { return []; }
export function describeStageBase(_model: DockerfileModel, _stage: Stage): { resolvedBase: string | null; known: boolean } {
  return { resolvedBase: null, known: false };
}
