// Edit builders: map the parser's joined shell source back to original offsets, so fixes
// are TextEdits (append to a RUN, delete an instruction, merge RUNs), and apply them.
import type {
  DockerfileModel,
  FromInstruction,
  Instruction,
  RunInstruction,
  ShellCommand,
  ShellScript,
} from '../../model';
import type { FixSafety } from '../../types';
import type { Fix, TextEdit } from '../types';
import { contentEnd, eol } from './positions';

interface Piece {
  at: number;
  orig: number;
  length: number;
}

const logicalCache = new WeakMap<object, { text: string; pieces: Piece[] } | null>();

/** The instruction joined as the parser joins it (continuations and comment lines removed). */
function logical(model: DockerfileModel, ins: Instruction): { text: string; pieces: Piece[] } | null {
  if (logicalCache.has(ins)) return logicalCache.get(ins) ?? null;
  const escape = model.directives?.escape ?? '\\';
  const pieces: Piece[] = [];
  let text = '';
  let pos = ins.span.start;
  const end = ins.span.end;
  let first = true;
  while (pos < end) {
    let lineEnd = model.text.indexOf('\n', pos);
    if (lineEnd < 0 || lineEnd > end) lineEnd = end;
    let content = model.text.slice(pos, lineEnd);
    if (content.endsWith('\r')) content = content.slice(0, -1);
    const trimmed = content.trimStart();
    const skip = !first && (trimmed === '' || trimmed[0] === '#');
    if (!skip) {
      let i = content.length - 1;
      while (i >= 0 && (content[i] === ' ' || content[i] === '\t')) i--;
      const more = i >= 0 && content[i] === escape;
      const piece = more ? content.slice(0, i) : content;
      if (piece.length > 0) pieces.push({ at: text.length, orig: pos, length: piece.length });
      text += piece;
      first = false;
      if (!more) break;
    }
    pos = lineEnd + 1;
  }
  const result = { text, pieces };
  logicalCache.set(ins, result);
  return result;
}

function toOriginal(l: { pieces: Piece[] }, at: number): number {
  const { pieces } = l;
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

const sourceAtCache = new WeakMap<object, number>();

/** Offset in the original text of an offset in the instruction's shell source, or null. */
export function shellOffset(
  model: DockerfileModel,
  ins: Instruction & { shell: ShellScript | null },
  offset: number,
): number | null {
  const shell = ins.shell;
  if (!shell || ins.heredocs.length > 0 || ins.form === 'json') return null;
  const l = logical(model, ins);
  if (!l || l.pieces.length === 0) return null;
  let base = sourceAtCache.get(ins);
  if (base === undefined) {
    const keywordLen = ins.keywordSpan.end - ins.keywordSpan.start;
    base = l.text.indexOf(shell.source, keywordLen);
    if (base < 0 && shell.source.trim() !== shell.source)
      base = l.text.indexOf(shell.source.trim(), keywordLen);
    sourceAtCache.set(ins, base);
  }
  if (base < 0) return null;
  return toOriginal(l, base + offset);
}

/** Original offsets of a shell command. */
export function commandRange(
  model: DockerfileModel,
  ins: Instruction & { shell: ShellScript | null },
  cmd: ShellCommand,
): { start: number; end: number } | null {
  const start = shellOffset(model, ins, cmd.start);
  const end = shellOffset(model, ins, cmd.end);
  if (start === null || end === null) return null;
  return { start, end };
}

/** Original offsets of the program name of a command (e.g. `apt` in `apt install`). */
export function nameRange(
  model: DockerfileModel,
  ins: Instruction & { shell: ShellScript | null },
  cmd: ShellCommand,
): { start: number; end: number } | null {
  const at = wordIndex(cmd.text, cmd.name, 0);
  if (at < 0) return null;
  const start = shellOffset(model, ins, cmd.start + at);
  if (start === null) return null;
  if (model.text.slice(start, start + cmd.name.length) !== cmd.name) return null;
  return { start, end: start + cmd.name.length };
}

/**
 * Original offsets of `cmd.args[index]` as written, or null when it cannot be located verbatim
 * (quoted or variable-expanded arguments).
 */
export function argRange(
  model: DockerfileModel,
  ins: Instruction & { shell: ShellScript | null },
  cmd: ShellCommand,
  index: number,
): { start: number; end: number } | null {
  if (index < 0 || index >= cmd.args.length) return null;
  let pos = wordIndex(cmd.text, cmd.name, 0);
  if (pos < 0) return null;
  pos += cmd.name.length;
  let found = -1;
  for (let i = 0; i <= index; i++) {
    found = wordIndex(cmd.text, cmd.args[i], pos);
    if (found < 0) return null;
    pos = found + cmd.args[i].length;
  }
  const start = shellOffset(model, ins, cmd.start + found);
  if (start === null) return null;
  const arg = cmd.args[index];
  if (model.text.slice(start, start + arg.length) !== arg) return null;
  return { start, end: start + arg.length };
}

/** Index of `word` in `text` from `from`, delimited by whitespace or the text's ends. */
function wordIndex(text: string, word: string, from: number): number {
  if (!word) return -1;
  let at = text.indexOf(word, from);
  while (at >= 0) {
    const before = at === 0 ? ' ' : text[at - 1];
    const after = at + word.length >= text.length ? ' ' : text[at + word.length];
    if (/[\s;&|(]/.test(before) && /[\s;&|)]/.test(after)) return at;
    at = text.indexOf(word, at + 1);
  }
  return -1;
}

/** Inserts ` <text>` right after argument `index` of a command (e.g. after `install`). */
export function insertAfterArg(
  model: DockerfileModel,
  ins: Instruction & { shell: ShellScript | null },
  cmd: ShellCommand,
  index: number,
  text: string,
): TextEdit | null {
  const r = index < 0 ? nameRange(model, ins, cmd) : argRange(model, ins, cmd, index);
  if (!r) return null;
  return { start: r.end, end: r.end, text: ' ' + text };
}

/**
 * Appends commands to the end of a RUN, joined with `&&` and a line continuation, in the style the
 * RUN already uses (leading `&&` or trailing `&& \`, its indentation). Null when appending is not
 * provably safe: heredocs, JSON form, a script ending in an operator or a dangling continuation.
 */
export function appendToRun(
  model: DockerfileModel,
  run: RunInstruction,
  commands: string[],
): TextEdit | null {
  if (run.form !== 'shell' || run.heredocs.length > 0 || !run.shell || run.shell.skipped) return null;
  if (commands.length === 0) return null;
  const end = contentEnd(model, run);
  const raw = model.text.slice(run.span.start, end);
  const escape = model.directives?.escape ?? '\\';
  const last = raw.slice(raw.lastIndexOf('\n') + 1);
  if (/(^|[^&|])[;&|]\s*$/.test(raw) || /&&\s*$/.test(raw) || /\|\|\s*$/.test(raw)) return null;
  if (raw.trimEnd().endsWith(escape)) return null;
  if (/^\s*#/.test(last)) return null;
  const nl = eol(model);
  const lines = raw.split(/\r?\n/);
  let indent = '    ';
  let leading = true;
  if (lines.length > 1) {
    const cont = lines.slice(1).filter((l) => l.trim() !== '' && !l.trim().startsWith('#'));
    const lastCont = cont[cont.length - 1];
    if (lastCont) indent = /^\s*/.exec(lastCont)![0] || indent;
    const leadingCount = cont.filter((l) => /^\s*(&&|\|\||;)/.test(l)).length;
    const trailingCount = lines.filter((l) =>
      /&&\s*\\?\s*$/.test(l.replace(/\\\s*$/, '').trimEnd() + ' '),
    ).length;
    leading = leadingCount >= trailingCount || leadingCount > 0;
    if (leadingCount > 0 && lastCont) indent = /^\s*/.exec(lastCont)![0];
  }
  const text = leading
    ? commands.map((c) => ` ${escape}${nl}${indent}&& ${c}`).join('')
    : commands.map((c) => ` && ${escape}${nl}${indent}${c}`).join('');
  return { start: end, end, text };
}

export function makeFix(
  title: string,
  safety: FixSafety,
  edits: (TextEdit | null)[],
  caveats?: string[],
): Fix | null {
  if (edits.length === 0 || edits.some((e) => e === null)) return null;
  const list = (edits as TextEdit[]).slice().sort((a, b) => a.start - b.start);
  for (let i = 1; i < list.length; i++) if (list[i].start < list[i - 1].end) return null;
  return caveats && caveats.length ? { title, safety, edits: list, caveats } : { title, safety, edits: list };
}

/** Deletes an instruction together with its line break (and the comment lines directly above). */
export function deleteInstruction(model: DockerfileModel, ins: Instruction): TextEdit {
  let start = ins.span.start;
  // Include the indentation before the keyword.
  while (start > 0 && (model.text[start - 1] === ' ' || model.text[start - 1] === '\t')) start--;
  let end = ins.span.end;
  while (end < model.text.length && (model.text[end] === ' ' || model.text[end] === '\t')) end++;
  if (model.text.startsWith('\r\n', end)) end += 2;
  else if (model.text[end] === '\n') end += 1;
  return { start, end, text: '' };
}

export function quote(s: string): string {
  return `'${s}'`;
}

export function plural(n: number, one: string, many = one + 's'): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * Joins `next` onto the end of `prev` (two adjacent RUNs) with `&&` and a line continuation, in
 * `prev`'s style: one edit that replaces the text between the end of `prev`'s script and the start
 * of `next`'s script. Null when not provably a plain join: not adjacent, flags on `next`, heredocs,
 * JSON form, comments in between, or `prev` ending in an operator.
 */
export function mergeRunsEdit(
  model: DockerfileModel,
  prev: RunInstruction,
  next: RunInstruction,
): TextEdit | null {
  if (next.index !== prev.index + 1 || next.stage !== prev.stage) return null;
  if (next.flags.length > 0 || next.form !== 'shell' || next.heredocs.length > 0 || !next.shell) return null;
  if (next.shell.skipped) return null;
  const join = appendToRun(model, prev, ['']);
  if (!join) return null;
  const nextStart = shellOffset(model, next, 0);
  if (nextStart === null) return null;
  const between = model.text.slice(join.start, nextStart);
  if (!/^\s*RUN\s+$/i.test(between)) return null;
  return { start: join.start, end: nextStart, text: join.text.replace(/ $/, ' ') };
}

/**
 * Offsets of the `AS` keyword and the stage name in a FROM (the model has the name, not its
 * position: a requested parser addition). Null when they cannot be located verbatim.
 */
export function fromAsToken(
  model: DockerfileModel,
  from: FromInstruction,
): {
  as: { start: number; end: number; text: string };
  name: { start: number; end: number; text: string };
} | null {
  if (!from.stageName) return null;
  const src = model.text.slice(from.span.start, from.span.end);
  const m = /[\s\\](as)(\s+)(\S+)\s*$/i.exec(src);
  if (!m || m[3].toLowerCase() !== from.stageName.toLowerCase()) return null;
  const asStart = from.span.start + m.index + 1;
  const nameStart = asStart + m[1].length + m[2].length;
  return {
    as: { start: asStart, end: asStart + 2, text: m[1] },
    name: { start: nameStart, end: nameStart + m[3].length, text: m[3] },
  };
}

/** Offset where the arguments (after the flags) of an instruction start, located verbatim. */
export function argsStart(model: DockerfileModel, ins: Instruction): number | null {
  const args = ins.argsAfterFlags.trim();
  if (!args) return null;
  const given = ins.argsAfterFlagsStart;
  if (typeof given === 'number' && given >= ins.span.start && given < ins.span.end) {
    let at = given;
    while (at < ins.span.end && /\s/.test(model.text[at])) at++;
    if (model.text.startsWith(args.split(/\s/)[0], at)) return at;
  }
  const lastFlagEnd = ins.flags.reduce((m, f) => Math.max(m, f.span.end), ins.keywordSpan.end);
  const first = args.split(/\s/)[0];
  const at = model.text.indexOf(first, lastFlagEnd);
  return at >= 0 && at < ins.span.end ? at : null;
}

/** The keyword as written in the file (case preserved). */
export function keywordAsWritten(model: DockerfileModel, ins: Instruction): string {
  return model.text.slice(ins.keywordSpan.start, ins.keywordSpan.end);
}
