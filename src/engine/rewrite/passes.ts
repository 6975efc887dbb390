// The passes of one rewrite (index.ts tells the rules they follow): each pass finds the candidate
// steps on the current text, lists those that are off or refused, selects the ones to try, and
// applies them, each measured and verified, repaired or withheld. Written as a generator that
// yields after every unit of re-analysis (a re-run of the rules, one measured step), so that the
// worker can stop between two of them when newer text arrives; `finish` runs it to the end.
import type { DockerfileModel } from '../model';
import type { ResolvedOptions } from '../options';
import type { Estimate, Rewrite, RewriteStep } from '../types';
import type { TextEdit } from '../rules/types';
import { SIZE_TECHNIQUES, type RuleOutcome } from '../rules/run';
import type { Measurements } from '../measure';
import { applyEdits } from '../primitives/edits';
import { fixesConflict } from './apply';
import { collect, isEnabled, toStep, type Candidate } from './candidates';
import { DOCKERIGNORE_STEP } from './dockerignore-step';
import { MAX_ESTIMATES, MAX_PASSES, MAX_REWRITE_CHARS, MAX_STEPS, WORK_BUDGET_CHARS } from './limits';
import { repairStep, UNPARSABLE } from './repair';
import { initialState, mapToOrigin, type State } from './state';
import { verifyStep, withheldReason, type Problem } from './verify';

/** A rewrite in steps: each `next()` does at most one unit of re-analysis. */
export type RewriteSteps<T> = Generator<void, T, void>;

export function* rewritePasses(
  model: DockerfileModel,
  outcomes: RuleOutcome[],
  opts: ResolvedOptions,
  estimate: Estimate,
  measured: Measurements,
): RewriteSteps<Omit<Rewrite, 'dockerignore'>> {
  if (model.syntaxErrors.length || !model.stages.length || model.text.length > MAX_REWRITE_CHARS)
    return { dockerfile: model.text, estimate, steps: [], violations: [] };
  const run = new Passes(model, opts, estimate, measured);
  for (let pass = 0; pass < MAX_PASSES && run.applied < MAX_STEPS && (pass === 0 || !run.spent()); pass++) {
    let found = outcomes;
    if (pass > 0) {
      run.work += 2 * run.state.text.length;
      found = measured.rules(run.state.model, opts, run.state.estimate);
      yield;
    }
    const on = run.takeEnabled(collect(run.state, found, opts, pass === 0 ? model : null, measured));
    if (!on.length) break;
    const selected = run.select(on);
    if (!(yield* run.apply(selected))) {
      // Nothing in this selection could be kept: the others (if any) get the next pass.
      if (selected.length === on.length) break;
    }
  }
  return run.result();
}

/** The bookkeeping of one rewrite across its passes. */
class Passes {
  readonly state: State;
  readonly steps: RewriteStep[] = [];
  /** Ids already reported (applied, dropped or switched off). */
  private readonly listed = new Set<string>();
  // A rule may report the same instruction again after its fix (a second `apt install` in one
  // RUN): an applied id may apply again, but never the same edit at the same place (no loops).
  private readonly appliedIds = new Set<string>();
  private readonly appliedKeys = new Set<string>();
  private readonly candidatesApplied: Candidate[] = [];
  private estimatesLeft = MAX_ESTIMATES;
  applied = 0;
  // No wall-clock brake: the result must not depend on how busy the machine is. Runaway inputs
  // are bounded by the work budget here and stopped by the page's watchdog and the CLI's deadline.
  work = 0;
  /** The pass under way: the text it started from, the edits it kept, whether any was kept. */
  private baseText = '';
  private kept: TextEdit[] = [];
  private progressed = false;

  constructor(
    private readonly original: DockerfileModel,
    private readonly opts: ResolvedOptions,
    estimate: Estimate,
    private readonly measured: Measurements,
  ) {
    this.state = initialState(original, estimate);
  }

  spent(): boolean {
    return this.work >= WORK_BUDGET_CHARS;
  }

  private keyOf(c: Candidate): string {
    const at = (e: TextEdit) => `${mapToOrigin(this.state, e.start) ?? 'new'}:${e.end - e.start}:${e.text}`;
    return c.id + '|' + c.edits.map(at).join('|');
  }

  /**
   * Lists the fresh candidates that will not be tried (withheld by their own rule, switched off)
   * and returns the enabled ones.
   */
  takeEnabled(candidates: Candidate[]): Candidate[] {
    const { listed, appliedIds, opts } = this;
    const fresh = candidates.filter(
      (c) =>
        !listed.has(c.id) ||
        (appliedIds.has(c.id) && isEnabled(c, opts) && !this.appliedKeys.has(this.keyOf(c))),
    );
    const on: Candidate[] = [];
    for (const c of fresh) {
      if (c.withheld) {
        // Refused by its own rule before any attempt: listed with the reason, never applied.
        listed.add(c.id);
        this.steps.push({
          ...toStep(c, 0, false),
          status: 'withheld',
          withheldReason: `Not applied: ${c.withheld}`,
        });
      } else if (isEnabled(c, opts)) on.push(c);
      else {
        listed.add(c.id);
        this.steps.push(toStep(c, c.findingSavings ?? 0, false));
      }
    }
    return on;
  }

  /** A whole-file fix alone, else the non-overlapping fixes in text order. */
  select(on: Candidate[]): Candidate[] {
    const whole = on.find((c) => c.wholeFile);
    if (whole) return [whole];
    const selected: Candidate[] = [];
    // Steps that change the bytes first (so the bounds cut the cosmetic ones), then text order.
    const rank = (c: Candidate) => (SIZE_TECHNIQUES.has(c.technique) ? 0 : 1);
    for (const c of on.sort(
      (a, b) => rank(a) - rank(b) || a.edits[0].start - b.edits[0].start || a.id.localeCompare(b.id),
    )) {
      if (selected.length + this.applied >= MAX_STEPS) break;
      if (selected.some((s) => fixesConflict(s.edits, c.edits))) continue;
      selected.push(c);
    }
    return selected;
  }

  /**
   * Applies a selection; returns whether any step was kept. Steps that change what ships are
   * applied one at a time, each measured against the text before it (parse, promises, estimate).
   * Steps of techniques that do not change the bytes (pinning, users, healthchecks...) are checked
   * together in one batch; when the batch changes the estimate or fails a check, they fall back to
   * one at a time. Once the measuring budget or the work budget is spent, the rest of the pass is
   * checked as one batch and its saving shared out in proportion to the findings' own estimates.
   */
  *apply(selected: Candidate[]): RewriteSteps<boolean> {
    this.baseText = this.state.text;
    this.kept = [];
    this.progressed = false;
    const sized = selected.filter((c) => c.wholeFile || SIZE_TECHNIQUES.has(c.technique));
    const others = selected.filter((c) => !sized.includes(c));
    yield* this.oneByOne(sized);
    if (others.length > 1) {
      const failed = this.tryGroup(others, true);
      yield;
      if (failed) yield* this.oneByOne(others);
    } else if (others.length === 1) yield* this.oneByOne(others);
    if (this.progressed) this.state.history.push(this.kept);
    return this.progressed;
  }

  private *oneByOne(group: Candidate[]): RewriteSteps<void> {
    for (let k = 0; k < group.length; k++) {
      if (this.estimatesLeft <= 0 || this.spent()) {
        const failed = this.tryGroup(group.slice(k), false);
        if (failed && group.length - k === 1) this.withhold(group[k], failed);
        yield;
        return;
      }
      const failed = this.tryGroup([group[k]], false);
      if (failed) this.withhold(group[k], failed);
      yield;
    }
  }

  /**
   * A group is kept (null), or fails with the problems the verifier found (none when it merely
   * changed the estimate of a batch that should not have: it is then tried one by one).
   */
  private tryGroup(group: Candidate[], sameEstimate: boolean): Problem[] | null {
    const { state } = this;
    for (const c of group) this.listed.add(c.id);
    const edits = [...this.kept, ...group.flatMap((c) => c.edits)];
    let text = applyEdits(this.baseText, edits);
    if (text === state.text) return null;
    this.estimatesLeft--;
    this.work += text.length;
    let next = this.measured.parse(text);
    if (next.syntaxErrors.length || !next.stages.length) return [UNPARSABLE];
    const allow = new Set(group.flatMap((c) => [...c.allow]));
    const problems = verifyStep(state.model, next, this.original, allow);
    const repairedStep = problems.length > 0;
    if (repairedStep) {
      const repaired =
        group.length === 1
          ? repairStep(group[0], text, problems, edits, state, this.original, allow, this.measured)
          : null;
      if (!repaired) return problems;
      text = repaired.text;
      next = repaired.model;
    }
    const est = this.measured.estimate(text, this.opts);
    const delta = state.estimate.uncompressedBytes - est.uncompressedBytes;
    // A step the size model finds no saving in is dropped quietly: nothing unsafe to explain.
    // A step that needed a repair must still save something to be worth it. A correctness fix
    // (CA certificates a scratch image lacks) may add a few bytes: the image then works.
    const mayGrow = group.every((c) => c.technique === 'correctness');
    if ((delta < 0 && !mayGrow) || (sameEstimate && delta !== 0) || (repairedStep && delta <= 0)) return [];
    const weights = group.map((c) => Math.max(0, c.findingSavings ?? 0));
    const total = weights.reduce((a, b) => a + b, 0);
    const shares = weights.map((w) => (total > 0 ? Math.floor((delta * w) / total) : 0));
    shares[0] += delta - shares.reduce((a, b) => a + b, 0);
    group.forEach((c, k) => this.record(c, shares[k]));
    state.text = text;
    state.model = next;
    state.estimate = est;
    return null;
  }

  private record(c: Candidate, saving: number): void {
    const { steps } = this;
    this.applied++;
    if (c.wholeFile) {
      // The switched-off steps found so far were found on a text that no longer exists: the
      // passes on the new text list their own (switching the whole-file step off brings the
      // old ones back).
      for (let k = steps.length - 1; k >= 0; k--) {
        if (!steps[k].enabled && steps[k].id !== DOCKERIGNORE_STEP) {
          this.listed.delete(steps[k].id!);
          steps.splice(k, 1);
        }
      }
    }
    if (c.ecosystem) this.state.synthesized = c.ecosystem;
    this.candidatesApplied.push(c);
    this.appliedKeys.add(this.keyOf(c));
    this.kept.push(...c.edits);
    const prior = this.appliedIds.has(c.id) ? steps.find((x) => x.id === c.id && x.enabled) : undefined;
    if (prior) prior.savingsBytes += Math.max(0, Math.round(saving));
    else steps.push(toStep(c, saving, true));
    this.appliedIds.add(c.id);
    this.progressed = true;
  }

  private withhold(c: Candidate, problems: Problem[]): void {
    if (!problems.length) return;
    this.steps.push({
      ...toStep(c, 0, false),
      status: 'withheld',
      withheldReason: withheldReason(problems),
      invariants: [...new Set(problems.map((p) => p.invariant))],
    });
  }

  /**
   * The final rewrite, replayed as a whole against the user's file: the steps composed must keep
   * what each kept alone.
   */
  result(): Omit<Rewrite, 'dockerignore'> {
    const { state, original } = this;
    const allowed = new Set(this.candidatesApplied.flatMap((c) => [...c.allow]));
    const violations =
      state.model === original
        ? []
        : verifyStep(original, state.model, original, allowed)
            .filter((p) => !state.told.has(p.key))
            .map((p) => p.message);
    return { dockerfile: state.text, estimate: state.estimate, steps: this.steps, violations };
  }
}

/** Runs the remaining steps and returns the result. */
export function finish<T>(steps: RewriteSteps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}
