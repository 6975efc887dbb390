// The rewriter: applies the enabled fixes of the rules as steps, re-analyzes, and reports each
// step with its measured saving.
//
// - A step is one fix. Safe fixes are on by default; unsafe ones only when the user switched them
//   on (options.rewrite.enabledSteps); anything in disabledSteps is off; display-only never runs.
//   Ids: the rule id for a whole-file fix (multi-stage), `ruleId@line` otherwise (the line in the
//   user's text; a plain rule id in the options switches every instance of that rule).
// - Passes: each pass re-parses the current text and re-runs the rules on it, then applies the
//   enabled fixes whose edits do not overlap (in text order); overlapping ones wait for the next
//   pass, where they are found again on the new text. The whole-file synthesis (multi-stage) goes
//   FIRST, alone in its pass: it replaces the structure, so edits computed on the old text would
//   be stale anyway; the rules then run on the synthesized file and fix what it carried over
//   (e.g. an apt install copied into the runtime stage), and every later step's saving is
//   measured on top of the new structure, so no saving is counted twice.
// - Every step is checked before it is kept: the text must parse without syntax errors, the
//   verifier (verify/) replays it through the parsed model and finds no problem it introduces
//   (paths, parent stages, dialect, binaries, runtime: the final image keeps its promises) and
//   the estimate must not grow. A step that fails is repaired when the repair is certain, else
//   withheld: listed with its reason, not applied, its saving not counted.
// - The passes run until nothing is left to apply (a fixed point, so rewriting the result again
//   changes nothing), bounded by MAX_PASSES / MAX_STEPS / MAX_ESTIMATES for huge inputs.
// - The work runs as steps (passes.ts), one unit of re-analysis each, so that the worker can
//   leave a rewrite between two of them when newer text arrives; `rewriteDockerfile` runs them all.
import type { DockerfileModel } from '../model';
import type { ResolvedOptions } from '../options';
import type { Estimate, Rewrite } from '../types';
import type { RuleOutcome } from '../rules/run';
import { verifyDockerignore } from './verify';
import { suggestDockerignore } from './dockerignore';
import { dockerignoreStep } from './dockerignore-step';
import { finish, rewritePasses, type RewriteSteps } from './passes';
import { createMeasurements, type Measurements } from '../measure';

export { suggestDockerignore } from './dockerignore';
export { MAX_ESTIMATES, MAX_PASSES, MAX_REWRITE_CHARS, MAX_STEPS, WORK_BUDGET_CHARS } from './limits';
export { MULTI_STAGE_ID } from './candidates';
export { DOCKERIGNORE_STEP } from './dockerignore-step';
export type { RewriteSteps } from './passes';

/** The rewrite at once (tests, the fuzz script: whatever need not stop half-way). */
export function rewriteDockerfile(
  model: DockerfileModel,
  outcomes: RuleOutcome[],
  opts: ResolvedOptions,
  estimate: Estimate,
  /** The analysis's measurements (shared with the savings pass: a text is measured once). */
  measured: Measurements = createMeasurements(),
): Rewrite {
  return finish(rewriteInSteps(model, outcomes, opts, estimate, measured));
}

/**
 * The rewrite as steps (the worker's phase 2): each `next()` does at most one unit of
 * re-analysis, so newer text can interrupt it between two of them. Same result as
 * `rewriteDockerfile`.
 */
export function* rewriteInSteps(
  model: DockerfileModel,
  outcomes: RuleOutcome[],
  opts: ResolvedOptions,
  estimate: Estimate,
  measured: Measurements = createMeasurements(),
): RewriteSteps<Rewrite> {
  let dockerignore: string | null = null;
  try {
    // Only a finding of the missing-dockerignore rule (a COPY of the whole context, no
    // .dockerignore yet) makes the file worth suggesting: elsewhere it would save nothing.
    const wanted = outcomes.some((o) => o.finding.ruleId === 'missing-dockerignore');
    dockerignore = wanted && !model.syntaxErrors.length ? suggestDockerignore(model) : null;
  } catch {
    dockerignore = null;
  }
  try {
    const first = dockerignore ? dockerignoreStep(model, opts, estimate, measured) : null;
    if (first) yield;
    // A step turned off keeps its place in the list, but no file is suggested.
    if (first && !first.step.enabled) dockerignore = null;
    const effective = first?.opts ?? opts;
    const start = first?.estimate ?? estimate;
    const result = yield* rewritePasses(model, outcomes, effective, start, measured);
    if (dockerignore) {
      // The .dockerignore must serve the user's Dockerfile and the rewrite alike.
      const rewritten = result.dockerfile === model.text ? model : measured.parse(result.dockerfile);
      const checked = verifyDockerignore(dockerignore, rewritten === model ? [model] : [model, rewritten]);
      dockerignore = checked.text;
      if (checked.repairs.length && first) {
        first.step.repairs = checked.repairs;
        first.step.invariants = ['dockerignore'];
      }
    }
    return { ...result, steps: first ? [first.step, ...result.steps] : result.steps, dockerignore };
  } catch {
    // The rewriter must never break the analysis: offer the text unchanged.
    return { dockerfile: model.text, dockerignore, estimate, steps: [] };
  }
}
