// The text a rewrite has reached so far, and how its offsets map back to the user's text (a step
// keeps the id it would have on the user's text, whichever pass finds it).
import type { DockerfileModel } from '../model';
import type { Estimate } from '../types';
import type { TextEdit } from '../rules/types';
import type { RuleOutcome } from '../rules/run';
import { mapBack } from './apply';
import { lineAt } from '../primitives/lines';

export interface State {
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

export function initialState(model: DockerfileModel, estimate: Estimate): State {
  return {
    text: model.text,
    model,
    estimate,
    history: [],
    originLineStarts: model.lineStarts,
    synthesized: null,
    told: new Set(),
  };
}

/** An offset of the current text in the user's text (null inside inserted text). */
export function mapToOrigin(state: State, offset: number): number | null {
  let o: number | null = offset;
  for (let k = state.history.length - 1; k >= 0 && o !== null; k--) o = mapBack(o, state.history[k]);
  return o;
}

/** The finding's line in the user's text, or in the current text when it lies in inserted text. */
export function originalLine(state: State, o: RuleOutcome): number {
  const line = o.finding.line;
  const starts = state.model.lineStarts;
  const offset = mapToOrigin(state, (starts[line - 1] ?? 0) + Math.max(0, (o.finding.column ?? 1) - 1));
  if (offset === null) return line;
  return lineAt(state.originLineStarts, offset);
}
