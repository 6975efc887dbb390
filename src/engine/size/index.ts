// The size model's public surface: the layer ledger over the base-image catalog and the package
// tables. See estimate.ts (stages and bases), run.ts (RUN), copy.ts (COPY/ADD), ledger.ts (items).
import type { DockerfileModel, Stage } from '../model';
import type { ResolvedOptions } from '../options';
import type { BaseAlternative, Estimate } from '../types';
import type { CatalogEntry } from './types';
import type { SizeDeps } from './context';
import { estimateWith, safeResolve } from './estimate';
import { alternativesFor } from './alternatives';
import { baseImages, catalogEntries, parseReference } from './catalog';
import { packageSizer } from './packages';
import { memoBases, memoSizer } from './memo';
import type { StageMemo } from './stage-memo';

export type { SizeDeps } from './context';
export { estimateWith } from './estimate';
export { memoSizer } from './memo';
export { createStageMemo, type StageMemo } from './stage-memo';

/** The catalog, memoised (every parse of every edited text resolves its bases again). */
export const memoizedBaseImages = memoBases(baseImages);

const DEFAULT_DEPS: SizeDeps = { bases: memoizedBaseImages, packages: memoSizer(packageSizer) };

export function estimateImage(
  model: DockerfileModel,
  opts: ResolvedOptions,
  deps: SizeDeps = DEFAULT_DEPS,
  /** Stages sized before in this analysis under these options, with the default tables. */
  memo?: StageMemo,
): Estimate {
  return estimateWith(model, opts, deps, memo);
}

export function baseAlternatives(model: DockerfileModel, deps: SizeDeps = DEFAULT_DEPS): BaseAlternative[] {
  return alternativesFor(model, deps.bases);
}

export interface StageBaseDescription {
  resolvedBase: string | null;
  known: boolean;
  /** Set when the size comes from another catalog tag than the one written. */
  approximate?: true;
  catalogTag?: string;
}

/**
 * How a stage's base resolved. `known` holds only for the written tag itself (or a tag that named
 * the very same image); a stand-in tag makes the stage approximate and names the tag used.
 */
export function describeStageBase(
  _model: DockerfileModel,
  stage: Stage,
  deps: SizeDeps = DEFAULT_DEPS,
): StageBaseDescription {
  const b = stage.base;
  if ('stage' in b || 'scratch' in b) return { resolvedBase: null, known: true };
  const res = safeResolve({ deps }, b.image || stage.from.resolvedImage || stage.from.image);
  if (res.match === 'scratch') return { resolvedBase: null, known: true };
  const resolvedBase = res.entry?.reference ?? null;
  if (res.match === 'exact' || res.match === 'alias') return { resolvedBase, known: true };
  if (!res.entry) return { resolvedBase, known: false };
  return { resolvedBase, known: false, approximate: true, catalogTag: res.entry.reference };
}

/**
 * The working folder a base image starts in, as its published layers show (golang: /go, php:
 * /var/www/html). A WORKDIR of a folder that already exists makes no layer, so the image's other
 * catalog tags are read too (official images keep one WORKDIR across tags); '/' when none shows
 * one or the image is not in the catalog.
 */
export function baseWorkdir(reference: string, deps: SizeDeps = DEFAULT_DEPS): string {
  const { entry } = deps.bases.resolve(reference);
  const name = parseReference(reference)?.image;
  // Only the same image: a fallback to another image says nothing of this one's folder.
  if (!entry || entry.image !== name) return '/';
  return lastWorkdir(entry) ?? imageWorkdir(name);
}

/** Per image name, the WORKDIR any of its catalog tags shows (the catalog is fixed: read once). */
const imageWorkdirs = new Map<string, string>();

function imageWorkdir(name: string): string {
  let wd = imageWorkdirs.get(name);
  if (wd === undefined) {
    wd = catalogEntries.map((e) => (e.image === name ? lastWorkdir(e) : null)).find((w) => w !== null) ?? '/';
    imageWorkdirs.set(name, wd);
  }
  return wd;
}

function lastWorkdir(e: CatalogEntry): string | null {
  let wd: string | null = null;
  for (const l of e.layers ?? []) {
    const m = /^WORKDIR\s+(\/\S*)/.exec(l.instruction);
    if (m) wd = m[1]!;
  }
  return wd;
}
