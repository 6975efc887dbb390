// The one way to apply text edits (rule fixes, rewrite steps, repairs, tests): offsets into the
// original text, applied in one pass.

/** A replacement of text[start, end) by `text` (an insertion when start === end). */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/** Edits by position: start, then end. Edits at the same place keep their order (stable sort). */
export function sortEdits<E extends TextEdit>(edits: readonly E[]): E[] {
  return [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
}

/**
 * Applies non-overlapping edits to a text, as if one by one from the last to the first: several
 * insertions at one point therefore come out in reverse order of the list. Offsets are clamped to
 * the text; an edit that starts inside an earlier one starts at its end.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  // One pass from the start (one fix may hold thousands of edits: slicing the whole text per edit
  // was quadratic).
  const list = edits
    .map((edit, i) => ({ edit, i }))
    .sort((a, b) => a.edit.start - b.edit.start || a.edit.end - b.edit.end || b.i - a.i);
  const parts: string[] = [];
  let at = 0;
  for (const { edit } of list) {
    const start = Math.max(at, Math.min(edit.start, text.length));
    parts.push(text.slice(at, start), edit.text);
    at = Math.max(start, Math.min(edit.end, text.length));
  }
  parts.push(text.slice(at));
  return parts.join('');
}
