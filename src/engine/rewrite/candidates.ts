// Candidate steps: the fixes one pass of the rules offers (plus the jlink runtime after a Java
// synthesis), each with the id it is switched and reported by, and how a candidate becomes a
// reported step.
import type { DockerfileModel } from '../model';
import type { ResolvedOptions } from '../options';
import type { RewriteStep, Technique } from '../types';
import type { Fix, TextEdit } from '../rules/types';
import type { RuleOutcome } from '../rules/run';
import type { Measurements } from '../measure';
import { applyEdits } from '../primitives/edits';
import { isWholeFile, selfConsistent } from './apply';
import { isPromiseKey, type PromiseKey } from '../promises';
import { originalLine, type State } from './state';
import { JLINK_STEP, JLINK_TITLE, jlinkRuntime } from '../synthesize/jlink';

export const MULTI_STAGE_ID = 'multi-stage';

export interface Candidate {
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

/** Candidates from the outcomes of one pass (plus the jlink step after a Java synthesis). */
export function collect(
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
    out.push(fromFix(o, fix, id, wholeFile));
  }
  // After the Java synthesis: the jlink runtime, a step of its own (see synthesize/jlink.ts).
  if (!original && state.synthesized === 'java') {
    const jlink = jlinkCandidate(state, opts, measured);
    if (jlink) out.push(jlink);
  }
  return out;
}

/**
 * The fix carries its own account of itself (a multi-stage synthesis: what it does, the promises
 * it changes knowingly, its ecosystem); the rewriter only composes and measures.
 */
function fromFix(o: RuleOutcome, fix: Fix, id: string, wholeFile: boolean): Candidate {
  return {
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
  };
}

function jlinkCandidate(state: State, opts: ResolvedOptions, measured: Measurements): Candidate | null {
  const j = jlinkRuntime(state.model);
  if (!j) return null;
  return {
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
  };
}

/** What an edit would save, for a switched-off step the user may want to weigh (0 when it fails). */
function savingOf(state: State, edit: TextEdit, opts: ResolvedOptions, measured: Measurements): number {
  const text = applyEdits(state.text, [edit]);
  if (measured.parse(text).syntaxErrors.length) return 0;
  return Math.max(0, state.estimate.uncompressedBytes - measured.estimate(text, opts).uncompressedBytes);
}

export function isEnabled(c: Candidate, opts: ResolvedOptions): boolean {
  if (c.safety === 'display-only') return false;
  if (opts.disabledSteps.has(c.id) || opts.disabledSteps.has(c.ruleId)) return false;
  if (c.safety === 'safe') return true;
  return opts.enabledSteps.has(c.id) || opts.enabledSteps.has(c.ruleId);
}

export function toStep(c: Candidate, savings: number, enabled: boolean): RewriteStep {
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
