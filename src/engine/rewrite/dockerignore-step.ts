// The suggested .dockerignore as the rewrite's first step: with it, the build context no longer
// brings .git, node_modules and the like.
import type { DockerfileModel } from '../model';
import type { ResolvedOptions } from '../options';
import type { Estimate, RewriteStep } from '../types';
import type { Measurements } from '../measure';

export const DOCKERIGNORE_STEP = 'dockerignore';

/**
 * The step, and the options and estimate every later step starts from (they assume the
 * .dockerignore is in place when the step is on).
 */
export function dockerignoreStep(
  model: DockerfileModel,
  opts: ResolvedOptions,
  estimate: Estimate,
  measured: Measurements,
): { step: RewriteStep; opts: ResolvedOptions; estimate: Estimate } {
  const enabled = !opts.disabledSteps.has(DOCKERIGNORE_STEP);
  const withIgnore: ResolvedOptions = { ...opts, context: { ...opts.context, hasDockerignore: true } };
  const after = measured.estimate(model.text, withIgnore);
  const step: RewriteStep = {
    id: DOCKERIGNORE_STEP,
    ruleId: 'missing-dockerignore',
    technique: 'dockerignore',
    title: 'Add a .dockerignore',
    explanation:
      'COPY/ADD of the build context sends everything in the folder unless a .dockerignore excludes it: version control (.git), local dependencies and build outputs (rebuilt in the image anyway), tests, docs, logs and secrets such as .env files. The suggested .dockerignore excludes them for this ecosystem, keeping what the Dockerfile itself copies.',
    savingsBytes: Math.max(0, estimate.uncompressedBytes - after.uncompressedBytes),
    caveats: [
      'Check the list against your project: a file the build or the app needs at run time must not be excluded (remove its line).',
    ],
    enabled,
    status: enabled ? 'applied' : 'off',
  };
  // The size model decides whether the assumption shrinks the image; should it ever say the
  // opposite, the .dockerignore is still suggested but later estimates keep the old assumption
  // (a rewrite never reports a larger image).
  if (enabled && after.uncompressedBytes <= estimate.uncompressedBytes)
    return { step, opts: withIgnore, estimate: after };
  return { step, opts, estimate };
}
