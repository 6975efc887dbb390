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
import type { DockerfileModel } from '../model';
import type { ResolvedOptions } from '../options';
import type { Estimate, Rewrite, RewriteStep, Technique } from '../types';
import type { Fix, TextEdit } from '../rules/types';
import { runRules, SIZE_TECHNIQUES, type RuleOutcome } from '../rules/run';
import { parseDockerfile } from '../parse';
import { estimateImage } from '../size';
import { fixesConflict, isWholeFile, mapBack, selfConsistent } from './apply';
import { applyEdits } from '../primitives/edits';
import { lineAt } from '../primitives/lines';
import { isPromiseKey, type PromiseKey } from './promises';
import { verifyDockerignore, verifyStep, withheldReason, type Problem } from './verify';
import { suggestDockerignore } from './dockerignore';
import { JLINK_STEP, JLINK_TITLE, jlinkRuntime } from './synthesize/jlink';
import { createMeasurements, type Measurements } from '../measure';

export { suggestDockerignore } from './dockerignore';
export { synthesizeMultiStage } from './synthesize';

/** Passes of re-analysis; real files settle in two or three. */
export const MAX_PASSES = 5;
/** Steps applied in one rewrite. */
export const MAX_STEPS = 60;
/** Parse + estimate runs spent measuring steps (kept or dropped). */
export const MAX_ESTIMATES = 24;
/**
 * Work budget of one rewrite, in characters parsed (a parse + estimate of the text costs its
 * length, a re-run of the rules twice that). Deterministic, so the result does not depend on the
 * machine: a 4 KB file affords about twenty-five checks, a 60 KB one two. When it is spent, no new pass
 * starts and the rest of the current pass is checked as one batch.
 */
export const WORK_BUDGET_CHARS = 120_000;
/** Inputs longer than this (characters) get no steps: the work would not stay interactive. */
export const MAX_REWRITE_CHARS = 128 * 1024;

export const MULTI_STAGE_ID = 'multi-stage';

interface Candidate {
  id: string;
  ruleId: string;
  technique: Technique;
  title: string;
  explanation: string;
  caveats: string[];
  edits: TextEdit[];
  safety: Fix['safety'];
  wholeFile: boolean;
  /** Promises the step may change knowingly (a static site served by nginx changes CMD/port). */
  allow: Set<PromiseKey>;
  /** The finding's own saving estimate (for switched-off steps that are not measured). */
  findingSavings: number | null;
  /** The ecosystem of a multi-stage synthesis. */
  ecosystem?: string;
  /** What the verifier repaired, and the invariants involved. */
  repairs: string[];
  invariants: string[];
  /** The fix's own reason to be withheld (a synthesis that cannot be shown safe). */
  withheld?: string;
}

interface State {
  text: string;
  model: DockerfileModel;
  estimate: Estimate;
  /** Edits of each applied pass, to map offsets back to the user's text. */
  history: TextEdit[][];
  originLineStarts: number[];
  /** The ecosystem of the multi-stage synthesis applied so far, if any. */
  synthesized: string | null;
  /** Problems a kept step made known in a caveat (a runtime version change). */
  told: Set<string>;
}

export const DOCKERIGNORE_STEP = 'dockerignore';

export function rewriteDockerfile(
  model: DockerfileModel,
  outcomes: RuleOutcome[],
  opts: ResolvedOptions,
  estimate: Estimate,
  /** The analysis's measurements (shared with the savings pass: a text is measured once). */
  measured: Measurements = createMeasurements(),
): Rewrite {
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
    const first = dockerignore ? dockerignoreStep(model, opts, estimate) : null;
    // A step turned off keeps its place in the list, but no file is suggested.
    if (first && !first.step.enabled) dockerignore = null;
    const effective = first?.opts ?? opts;
    const start = first?.estimate ?? estimate;
    const result = rewrite(model, outcomes, effective, start, measured);
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

/**
 * The suggested .dockerignore as a step of its own: with it, the build context no longer brings
 * .git, node_modules and the like, and every later estimate assumes it is in place (`opts` and
 * `estimate` are those later estimates start from).
 */
function dockerignoreStep(
  model: DockerfileModel,
  opts: ResolvedOptions,
  estimate: Estimate,
): { step: RewriteStep; opts: ResolvedOptions; estimate: Estimate } {
  const enabled = !opts.disabledSteps.has(DOCKERIGNORE_STEP);
  const withIgnore: ResolvedOptions = { ...opts, context: { ...opts.context, hasDockerignore: true } };
  const after = estimateImage(model, withIgnore);
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

function rewrite(
  model: DockerfileModel,
  outcomes: RuleOutcome[],
  opts: ResolvedOptions,
  estimate: Estimate,
  measured: Measurements,
): Omit<Rewrite, 'dockerignore'> {
  const unchanged = { dockerfile: model.text, estimate, steps: [] as RewriteStep[], violations: [] };
  if (model.syntaxErrors.length || !model.stages.length || model.text.length > MAX_REWRITE_CHARS)
    return unchanged;

  const state: State = {
    text: model.text,
    model,
    estimate,
    history: [],
    originLineStarts: model.lineStarts,
    synthesized: null,
    told: new Set(),
  };
  const steps: RewriteStep[] = [];
  const listed = new Set<string>(); // ids already reported (applied, dropped or switched off)
  // A rule may report the same instruction again after its fix (a second `apt install` in one
  // RUN): an applied id may apply again, but never the same edit at the same place (no loops).
  const appliedIds = new Set<string>();
  const appliedKeys = new Set<string>();
  const keyOf = (c: Candidate) =>
    c.id +
    '|' +
    c.edits.map((e) => `${mapToOrigin(state, e.start) ?? 'new'}:${e.end - e.start}:${e.text}`).join('|');
  const candidatesApplied: Candidate[] = [];
  let estimatesLeft = MAX_ESTIMATES;
  let applied = 0;

  // No wall-clock brake: the result must not depend on how busy the machine is. Runaway inputs
  // are bounded by the work budget here and stopped by the page's watchdog and the CLI's deadline.
  let work = 0;
  const spent = () => work >= WORK_BUDGET_CHARS;
  for (let pass = 0; pass < MAX_PASSES && applied < MAX_STEPS && (pass === 0 || !spent()); pass++) {
    if (pass > 0) work += 2 * state.text.length;
    const found = pass === 0 ? outcomes : runRules(state.model, opts, state.estimate, { skipSavings: true });
    const candidates = collect(state, found, opts, pass === 0 ? model : null, measured);
    const fresh = candidates.filter(
      (c) => !listed.has(c.id) || (appliedIds.has(c.id) && isEnabled(c, opts) && !appliedKeys.has(keyOf(c))),
    );
    const on: Candidate[] = [];
    for (const c of fresh) {
      if (c.withheld) {
        // Refused by its own rule before any attempt: listed with the reason, never applied.
        listed.add(c.id);
        steps.push({
          ...toStep(c, 0, false),
          status: 'withheld',
          withheldReason: `Not applied: ${c.withheld}`,
        });
      } else if (isEnabled(c, opts)) on.push(c);
      else {
        listed.add(c.id);
        steps.push(toStep(c, c.findingSavings ?? 0, false));
      }
    }
    if (!on.length) break;

    // Selection: a whole-file fix alone, else the non-overlapping fixes in text order.
    const whole = on.find((c) => c.wholeFile);
    const selected: Candidate[] = [];
    if (whole) selected.push(whole);
    else {
      // Steps that change the bytes first (so the bounds cut the cosmetic ones), then text order.
      const rank = (c: Candidate) => (SIZE_TECHNIQUES.has(c.technique) ? 0 : 1);
      for (const c of on.sort(
        (a, b) => rank(a) - rank(b) || a.edits[0].start - b.edits[0].start || a.id.localeCompare(b.id),
      )) {
        if (selected.length + applied >= MAX_STEPS) break;
        if (selected.some((s) => fixesConflict(s.edits, c.edits))) continue;
        selected.push(c);
      }
    }

    // Application. Steps that change what ships are applied one at a time, each measured
    // against the text before it (parse, promises, estimate). Steps of techniques that do not
    // change the bytes (pinning, users, healthchecks...) are checked together in one batch; when
    // the batch changes the estimate or fails a check, they fall back to one at a time. Once the
    // measuring budget or the work budget is spent, the rest of the pass is checked as one batch
    // and its saving shared out in proportion to the findings' own estimates.
    const baseText = state.text;
    const kept: TextEdit[] = [];
    let progressed = false;
    const overBudget = () => estimatesLeft <= 0 || spent();
    const record = (c: Candidate, saving: number): void => {
      applied++;
      if (c.wholeFile) {
        // The switched-off steps found so far were found on a text that no longer exists: the
        // passes on the new text list their own (switching the whole-file step off brings the
        // old ones back).
        for (let k = steps.length - 1; k >= 0; k--) {
          if (!steps[k].enabled && steps[k].id !== DOCKERIGNORE_STEP) {
            listed.delete(steps[k].id!);
            steps.splice(k, 1);
          }
        }
      }
      if (c.ecosystem) state.synthesized = c.ecosystem;
      candidatesApplied.push(c);
      appliedKeys.add(keyOf(c));
      kept.push(...c.edits);
      const prior = appliedIds.has(c.id) ? steps.find((x) => x.id === c.id && x.enabled) : undefined;
      if (prior) prior.savingsBytes += Math.max(0, Math.round(saving));
      else steps.push(toStep(c, saving, true));
      appliedIds.add(c.id);
      progressed = true;
    };
    // A group is kept, or fails with the problems the verifier found (none when it merely
    // changed the estimate of a batch that should not have: it is then tried one by one).
    const tryGroup = (group: Candidate[], sameEstimate: boolean): Problem[] | null => {
      for (const c of group) listed.add(c.id);
      const applied = [...kept, ...group.flatMap((c) => c.edits)];
      let text = applyEdits(baseText, applied);
      if (text === state.text) return null;
      estimatesLeft--;
      work += text.length;
      let next = measured.parse(text);
      if (next.syntaxErrors.length || !next.stages.length) return [UNPARSABLE];
      const allow = new Set(group.flatMap((c) => [...c.allow]));
      const problems = verifyStep(state.model, next, model, allow);
      const repairedStep = problems.length > 0;
      if (repairedStep) {
        const repaired =
          group.length === 1 ? repairStep(group[0], text, problems, applied, state, model, allow) : null;
        if (!repaired) return problems;
        text = repaired.text;
        next = repaired.model;
      }
      const est = repairedStep ? estimateImage(next, opts) : measured.estimate(text, opts);
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
      group.forEach((c, k) => record(c, shares[k]));
      state.text = text;
      state.model = next;
      state.estimate = est;
      return null;
    };
    const withhold = (c: Candidate, problems: Problem[]): void => {
      if (!problems.length) return;
      steps.push({
        ...toStep(c, 0, false),
        status: 'withheld',
        withheldReason: withheldReason(problems),
        invariants: [...new Set(problems.map((p) => p.invariant))],
      });
    };
    const oneByOne = (group: Candidate[]): void => {
      for (let k = 0; k < group.length; k++) {
        if (overBudget()) {
          const failed = tryGroup(group.slice(k), false);
          if (failed && group.length - k === 1) withhold(group[k], failed);
          return;
        }
        const failed = tryGroup([group[k]], false);
        if (failed) withhold(group[k], failed);
      }
    };
    const sized = selected.filter((c) => c.wholeFile || SIZE_TECHNIQUES.has(c.technique));
    const others = selected.filter((c) => !sized.includes(c));
    oneByOne(sized);
    if (others.length > 1 && tryGroup(others, true)) oneByOne(others);
    else if (others.length === 1) oneByOne(others);
    if (!progressed) {
      // Nothing in this selection could be kept: the others (if any) get the next pass.
      if (selected.length === on.length) break;
      continue;
    }
    state.history.push(kept);
  }

  // The final rewrite, replayed as a whole against the user's file: the steps composed must
  // keep what each kept alone.
  const allowed = new Set(candidatesApplied.flatMap((c) => [...c.allow]));
  const violations =
    state.model === model
      ? []
      : verifyStep(model, state.model, model, allowed)
          .filter((p) => !state.told.has(p.key))
          .map((p) => p.message);
  return { dockerfile: state.text, estimate: state.estimate, steps, violations };
}

/** What an edit would save, for a switched-off step the user may want to weigh (0 when it fails). */
function savingOf(state: State, edit: TextEdit, opts: ResolvedOptions, measured: Measurements): number {
  const text = applyEdits(state.text, [edit]);
  if (measured.parse(text).syntaxErrors.length) return 0;
  return Math.max(0, state.estimate.uncompressedBytes - measured.estimate(text, opts).uncompressedBytes);
}

const UNPARSABLE: Problem = {
  invariant: 'syntax',
  key: 'syntax',
  message: 'the rewritten Dockerfile would not parse.',
};

/**
 * Applies the certain repairs of a step's problems and folds them into the step's own edits (so
 * the offsets still map back to the user's text); null when a problem has no certain repair or
 * the repaired text still fails.
 */
function repairStep(
  c: Candidate,
  text: string,
  problems: Problem[],
  applied: TextEdit[],
  state: State,
  original: DockerfileModel,
  allow: ReadonlySet<PromiseKey>,
): { text: string; model: DockerfileModel } | null {
  if (problems.some((p) => !p.repair)) return null;
  const edits = problems.flatMap((p) => p.repair?.edits ?? []);
  if (!selfConsistent(edits)) return null;
  const repaired = applyEdits(text, edits);
  const model = parseDockerfile(repaired);
  // A problem repaired by a caveat stays in the model: the caveat is what makes it known.
  const told = new Set(problems.filter((p) => p.repair?.caveat && !p.repair.edits?.length).map((p) => p.key));
  if (model.syntaxErrors.length) return null;
  if (verifyStep(state.model, model, original, allow).some((p) => !told.has(p.key))) return null;
  if (c.wholeFile) c.edits = [{ start: 0, end: state.text.length, text: repaired }];
  else if (edits.length) {
    const mapped: TextEdit[] = [];
    for (const e of edits) {
      const start = mapBack(e.start, applied);
      const end = mapBack(e.end, applied);
      if (start === null || end === null) return null;
      mapped.push({ start, end, text: e.text });
    }
    if (fixesConflict(mapped, applied)) return null;
    c.edits = [...c.edits, ...mapped];
  }
  for (const p of problems) {
    if (told.has(p.key)) state.told.add(p.key);
    if (p.repair?.note) c.repairs.push(p.repair.note);
    if (p.repair?.caveat && !c.caveats.includes(p.repair.caveat)) c.caveats.push(p.repair.caveat);
    if (!c.invariants.includes(p.invariant)) c.invariants.push(p.invariant);
  }
  return { text: repaired, model };
}

function isEnabled(c: Candidate, opts: ResolvedOptions): boolean {
  if (c.safety === 'display-only') return false;
  if (opts.disabledSteps.has(c.id) || opts.disabledSteps.has(c.ruleId)) return false;
  if (c.safety === 'safe') return true;
  return opts.enabledSteps.has(c.id) || opts.enabledSteps.has(c.ruleId);
}

function toStep(c: Candidate, savings: number, enabled: boolean): RewriteStep {
  const step: RewriteStep = {
    id: c.id,
    ruleId: c.ruleId,
    technique: c.technique,
    title: c.title,
    explanation: c.explanation,
    savingsBytes: Math.max(0, Math.round(savings)),
    caveats: c.caveats,
    enabled,
    status: enabled ? 'applied' : 'off',
  };
  if (c.repairs.length) step.repairs = [...c.repairs];
  if (c.invariants.length) step.invariants = [...c.invariants];
  return step;
}

/** Candidates from the outcomes of one pass (plus the jlink step after a Java synthesis). */
function collect(
  state: State,
  outcomes: RuleOutcome[],
  opts: ResolvedOptions,
  original: DockerfileModel | null,
  measured: Measurements,
): Candidate[] {
  const out: Candidate[] = [];
  const seen = new Set<string>();
  for (const o of outcomes) {
    const fix = o.fix;
    if (!fix || fix.safety === 'display-only' || !fix.edits.length) continue;
    if (!selfConsistent(fix.edits)) continue;
    const wholeFile = isWholeFile(state.text, fix.edits);
    const id = wholeFile ? o.finding.ruleId : `${o.finding.ruleId}@${originalLine(state, o)}`;
    if (seen.has(id)) continue;
    seen.add(id);
    // The fix carries its own account of itself (a multi-stage synthesis: what it does, the
    // promises it changes knowingly, its ecosystem); the rewriter only composes and measures.
    out.push({
      id,
      ruleId: o.finding.ruleId,
      technique: o.finding.technique,
      title: fix.title || o.finding.title || o.rule.meta.title,
      explanation: fix.explanation ?? o.finding.message,
      caveats: [...(fix.caveats ?? [])],
      edits: fix.edits.map((e) => ({ start: e.start, end: e.end, text: e.text })),
      safety: fix.safety,
      wholeFile,
      allow: new Set((fix.changes ?? []).filter(isPromiseKey)),
      findingSavings: o.finding.savingsBytes,
      ecosystem: fix.ecosystem,
      repairs: [],
      invariants: [],
      withheld: fix.withheld,
    });
  }
  // After the Java synthesis: the jlink runtime, a step of its own (see synthesize/jlink.ts).
  if (!original && state.synthesized === 'java') {
    const j = jlinkRuntime(state.model);
    if (j)
      out.push({
        id: JLINK_STEP,
        ruleId: MULTI_STAGE_ID,
        technique: 'base-image',
        title: JLINK_TITLE,
        explanation: j.explanation,
        caveats: j.caveats,
        edits: [j.edit],
        safety: 'safe',
        wholeFile: false,
        allow: new Set(),
        findingSavings: opts.disabledSteps.has(JLINK_STEP) ? savingOf(state, j.edit, opts, measured) : null,
        repairs: [],
        invariants: [],
      });
  }
  return out;
}

/** An offset of the current text in the user's text (null inside inserted text). */
function mapToOrigin(state: State, offset: number): number | null {
  let o: number | null = offset;
  for (let k = state.history.length - 1; k >= 0 && o !== null; k--) o = mapBack(o, state.history[k]);
  return o;
}

/** The finding's line in the user's text, or in the current text when it lies in inserted text. */
function originalLine(state: State, o: RuleOutcome): number {
  const line = o.finding.line;
  const starts = state.model.lineStarts;
  let offset: number | null = (starts[line - 1] ?? 0) + Math.max(0, (o.finding.column ?? 1) - 1);
  for (let k = state.history.length - 1; k >= 0 && offset !== null; k--)
    offset = mapBack(offset, state.history[k]);
  if (offset === null) return line;
  return lineAt(state.originLineStarts, offset);
}
