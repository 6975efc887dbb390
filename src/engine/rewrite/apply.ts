// Applying text edits: non-overlap checks, application, and mapping offsets of an edited text back
// to the text it came from (so that a step found on an intermediate text keeps the id it would
// have on the user's text).
import type { TextEdit } from '../rules/types';
import { sortEdits } from '../primitives/edits';

/** Two edits conflict when their ranges intersect or both insert at one point. */
export function editsConflict(a: TextEdit, b: TextEdit): boolean {
  if (a.start < b.end && b.start < a.end) return true;
  if (a.start === a.end && b.start === b.end) return a.start === b.start;
  // An insertion strictly inside a replaced range.
  if (a.start === a.end) return b.start < a.start && a.start < b.end;
  if (b.start === b.end) return a.start < b.start && b.start < a.end;
  return false;
}

export function fixesConflict(a: readonly TextEdit[], b: readonly TextEdit[]): boolean {
  return a.some((x) => b.some((y) => editsConflict(x, y)));
}

/** A fix whose own edits overlap each other cannot be applied as written. */
export function selfConsistent(edits: readonly TextEdit[]): boolean {
  const sorted = sortEdits(edits);
  for (let k = 1; k < sorted.length; k++) if (editsConflict(sorted[k - 1], sorted[k])) return false;
  return sorted.every((e) => e.start >= 0 && e.end >= e.start);
}

/** True when the edit replaces the whole text (multi-stage synthesis). */
export function isWholeFile(text: string, edits: readonly TextEdit[]): boolean {
  return edits.length === 1 && edits[0].start <= 0 && edits[0].end >= text.length;
}

/**
 * Maps an offset of the edited text back to the text before the edits; null when the offset
 * lies inside text an edit inserted.
 */
export function mapBack(offset: number, edits: readonly TextEdit[]): number | null {
  let delta = 0;
  for (const e of sortEdits(edits)) {
    const newStart = e.start + delta;
    const newEnd = newStart + e.text.length;
    if (offset < newStart) return offset - delta;
    if (offset < newEnd) return null;
    delta += e.text.length - (e.end - e.start);
  }
  return offset - delta;
}
