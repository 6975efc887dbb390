// The lines a quick fix changes, before and after, so an unsafe fix can be reviewed before it is
// applied. Edits are the engine's (UTF-16 offsets into the analyzed text, not overlapping).
export interface FixPreview {
  /** 1-based line of the first changed line. */
  line: number;
  before: string;
  after: string;
}

export function fixPreview(text: string, edits: { start: number; end: number; text: string }[]): FixPreview {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  if (sorted.length === 0) return { line: 1, before: '', after: '' };
  const from = text.lastIndexOf('\n', sorted[0].start - 1) + 1;
  const lastEnd = Math.max(...sorted.map((e) => e.end));
  const eol = text.indexOf('\n', lastEnd);
  const to = eol < 0 ? text.length : eol;
  let after = '';
  let cursor = from;
  for (const e of sorted) {
    after += text.slice(cursor, e.start) + e.text;
    cursor = e.end;
  }
  after += text.slice(cursor, to);
  const line = text.slice(0, from).split('\n').length;
  return { line, before: text.slice(from, to), after };
}
