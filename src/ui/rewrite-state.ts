// What the rewrite amounts to, for the Rewrite tab and its count.
import type { Analysis, RewriteStep } from '../engine/types';

export function stepIsOn(step: RewriteStep): boolean {
  return step.enabled ?? true;
}

/** True when the rewritten Dockerfile differs from the analyzed text (line endings aside). */
export function rewriteChangesFile(analysis: Analysis, analyzedText: string): boolean {
  const norm = (t: string) => t.replace(/\r\n?/g, '\n').replace(/\n*$/, '\n');
  return norm(analysis.rewrite.dockerfile) !== norm(analyzedText);
}

/** The steps the Rewrite tab counts: those switched on. */
export function enabledStepCount(analysis: Analysis): number {
  return analysis.rewrite.steps.filter(stepIsOn).length;
}
