// A step the verifier found problems in is kept only when every problem has a certain repair:
// the repairs are applied, checked again, and folded into the step's own edits.
import type { DockerfileModel } from '../model';
import type { TextEdit } from '../rules/types';
import type { Measurements } from '../measure';
import { applyEdits } from '../primitives/edits';
import { fixesConflict, mapBack, selfConsistent } from './apply';
import type { Candidate } from './candidates';
import type { PromiseKey } from '../promises';
import type { State } from './state';
import { verifyStep, type Problem } from './verify';

export const UNPARSABLE: Problem = {
  invariant: 'syntax',
  key: 'syntax',
  message: 'the rewritten Dockerfile would not parse.',
};

/**
 * Applies the certain repairs of a step's problems and folds them into the step's own edits (so
 * the offsets still map back to the user's text); null when a problem has no certain repair or
 * the repaired text still fails.
 */
export function repairStep(
  c: Candidate,
  text: string,
  problems: Problem[],
  applied: TextEdit[],
  state: State,
  original: DockerfileModel,
  allow: ReadonlySet<PromiseKey>,
  measured: Measurements,
): { text: string; model: DockerfileModel } | null {
  if (problems.some((p) => !p.repair)) return null;
  const edits = problems.flatMap((p) => p.repair?.edits ?? []);
  if (!selfConsistent(edits)) return null;
  const repaired = applyEdits(text, edits);
  const model = measured.parse(repaired);
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
