// Positions in the original text: line tables, LSP range → offset, spans, and the joining of
// continuation lines into one logical line (with a map back to the original offsets).
import type { Span } from '../model';
import { computeLineStarts, lineIndexAt } from '../primitives/lines';

/** Line tables: where each line starts and where its content ends (before the line break). */
export class LineTable {
  readonly starts: number[];
  readonly ends: number[];
  constructor(readonly text: string) {
    this.starts = computeLineStarts(text);
    this.ends = this.starts.map((start, i) => {
      if (i + 1 >= this.starts.length) return text.length;
      let end = this.starts[i + 1];
      if (text.charCodeAt(end - 1) === 10) end--;
      if (text.charCodeAt(end - 1) === 13) end--;
      return Math.max(start, end);
    });
  }
  get count(): number {
    return this.starts.length;
  }
  /** The content of a 0-based line, without its line break. */
  line(index: number): string {
    return this.text.slice(this.starts[index], this.ends[index]);
  }
  /** Offset of an LSP position (0-based line, UTF-16 character), clamped to the line. */
  offset(line: number, character: number): number {
    if (line < 0) return 0;
    if (line >= this.starts.length) return this.text.length;
    return Math.min(this.starts[line] + Math.max(0, character), this.ends[line]);
  }
  /** 0-based line of an offset (binary search). */
  lineOf(offset: number): number {
    return lineIndexAt(this.starts, offset);
  }
  /** A span from two offsets (1-based lines). */
  span(start: number, end: number): Span {
    const s = Math.max(0, Math.min(start, this.text.length));
    const e = Math.max(s, Math.min(end, this.text.length));
    return { line: this.lineOf(s) + 1, endLine: this.lineOf(Math.max(s, e - 1)) + 1, start: s, end: e };
  }
  /** 1-based column of an offset. */
  column(offset: number): number {
    return offset - this.starts[this.lineOf(offset)] + 1;
  }
}

/** A logical line: continuation lines joined, comment lines inside the continuation removed. */
export interface LogicalText {
  text: string;
  /** Pieces of `text` with the original offset each starts at (sorted by logical offset). */
  pieces: { at: number; orig: number; length: number }[];
  /** 0-based index of the last physical line the logical line uses. */
  lastLine: number;
  /** Offset just past the logical line's content in the original text. */
  end: number;
}

/** True when the line (content only) ends with the escape character, optionally followed by blanks. */
export function continues(line: string, escape: string): boolean {
  let i = line.length - 1;
  while (i >= 0 && (line[i] === ' ' || line[i] === '\t')) i--;
  return i >= 0 && line[i] === escape;
}

function stripContinuation(line: string, escape: string): string {
  let i = line.length - 1;
  while (i >= 0 && (line[i] === ' ' || line[i] === '\t')) i--;
  return line.slice(0, i);
}

/**
 * Joins the logical line that starts at `start` (an offset on physical line `firstLine`), as
 * BuildKit does: an escape character at the end of a line continues it, the escape and line break
 * disappear, and blank or comment lines inside the continuation are skipped.
 * `maxLine` bounds the search (0-based, inclusive).
 */
export function joinLogicalLine(
  lines: LineTable,
  firstLine: number,
  start: number,
  escape: string,
  maxLine: number,
): LogicalText {
  const pieces: LogicalText['pieces'] = [];
  let text = '';
  let lineIndex = firstLine;
  let from = start;
  let end = start;
  let lastLine = firstLine;
  for (;;) {
    const lineEnd = lines.ends[lineIndex];
    const content = lines.text.slice(from, lineEnd);
    const more = continues(content, escape) && lineIndex < maxLine;
    const piece = more ? stripContinuation(content, escape) : content;
    if (piece.length > 0) pieces.push({ at: text.length, orig: from, length: piece.length });
    text += piece;
    lastLine = lineIndex;
    end = more ? from + piece.length : lineEnd;
    if (!more) break;
    // Skip blank lines and comment lines inside the continuation.
    let next = lineIndex + 1;
    while (next <= maxLine && next < lines.count) {
      const l = lines.line(next);
      const t = l.trimStart();
      if (t === '' || t[0] === '#') next++;
      else break;
    }
    if (next > maxLine || next >= lines.count) {
      // The continuation runs into the end of the instruction: it ends here.
      lastLine = next - 1 >= lineIndex ? lineIndex : lineIndex;
      break;
    }
    lineIndex = next;
    from = lines.starts[lineIndex];
  }
  return { text, pieces, lastLine, end };
}

/** Maps an offset in a logical line back to the original text. */
export function toOriginal(logical: LogicalText, at: number): number {
  const { pieces } = logical;
  if (pieces.length === 0) return logical.end;
  let lo = 0;
  let hi = pieces.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (pieces[mid].at <= at) lo = mid;
    else hi = mid - 1;
  }
  const p = pieces[lo];
  return p.orig + Math.min(Math.max(0, at - p.at), p.length);
}
