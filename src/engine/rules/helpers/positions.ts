// Positions in the original text: lines, spans, an instruction's source and end.
import type { DockerfileModel, Instruction, Span } from '../../model';
import { lineAt } from '../../primitives/lines';

export function lineOf(model: DockerfileModel, offset: number): number {
  return lineAt(model.lineStarts, offset);
}

export function spanOf(model: DockerfileModel, start: number, end: number): Span {
  return { line: lineOf(model, start), endLine: lineOf(model, Math.max(start, end - 1)), start, end };
}

/** Span covering several instructions (first to last). */
export function joinSpans(a: Span, b: Span): Span {
  return { line: a.line, endLine: b.endLine, start: a.start, end: b.end };
}

/** The instruction's text exactly as in the file. */
export function sourceOf(model: DockerfileModel, ins: Instruction): string {
  return model.text.slice(ins.span.start, ins.span.end);
}

/** Offset just past the last non-blank character of the instruction. */
export function contentEnd(model: DockerfileModel, ins: Instruction): number {
  let end = ins.span.end;
  while (end > ins.span.start && /\s/.test(model.text[end - 1])) end--;
  return end;
}

/** The line break the file uses. */
export function eol(model: DockerfileModel): string {
  return model.text.includes('\r\n') ? '\r\n' : '\n';
}
