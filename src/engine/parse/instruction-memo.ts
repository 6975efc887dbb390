// Incremental parsing, one instruction at a time: the interpretation of an instruction (its model,
// shell script and effects, and the syntax errors it reports) remembered by what it depends on,
// not by where it stands. The rewriter and the savings pass re-parse whole texts in which a few
// lines changed and the rest moved; each unchanged instruction is then re-used with its line
// numbers and offsets moved to its new place.
//
// The key is the instruction's physical lines (which fix its raw reading), where in them it starts
// and ends, the escape character, the stage's SHELL and the shell parser in use. What it reads of
// the walk's state besides (variables, ENV text, `COPY --from` targets) is recorded through its
// StateReader and compared on a hit. Only instructions that change no state are remembered: FROM,
// ARG, ENV, SHELL, WORKDIR, USER and ONBUILD are cheap and are always interpreted.
//
// Stored instructions are deep-frozen below their top level: the copies handed out share their
// arrays and strings with the memo and with each other, and must be copied before any change.
import type { Instruction, ShellScript, Span } from '../model';
import type { LineTable } from './text';
import type { RawInstruction, StateReader, SyntaxErr } from './walk';
import type { VarValue } from './variables';
import { deepFreeze } from '../frozen';

/** The instructions that change the walk's state (or read it in ways a reader does not record). */
const CHANGES_STATE = new Set(['FROM', 'ARG', 'ENV', 'SHELL', 'WORKDIR', 'USER', 'ONBUILD']);

/** Reads of the walk's state during one interpretation, with the answers seen. */
interface Reads {
  values: Map<string, VarValue>;
  envTexts: Map<string, string | undefined>;
  copySources: Map<string, string>;
}

interface Entry {
  /** The interpretation, with its positions in the text it was made from. */
  instruction: Instruction;
  errors: SyntaxErr[];
  reads: Reads;
  /** Where its first line started, in the text it was made from. */
  lineStart: number;
  firstLine: number;
}

/** A few analyses' instructions (the largest corpus file has 183); a Map keeps insertion order, so the first is least recently used. */
const LIMIT = 2000;
const entries = new Map<string, Entry>();
const stats = { hits: 0, misses: 0, staleReads: 0 };

/**
 * A deliberate flaw, for the property test's negative control only (tests/unit/parse/
 * memo-property.test.ts must notice each): a hit that ignores the variables read, or that leaves
 * the stored positions unmoved.
 */
export type MemoFlaw = 'ignores-variables' | 'keeps-positions' | null;
let flaw: MemoFlaw = null;

export function introduceMemoFlaw(next: MemoFlaw): void {
  flaw = next;
  clearInstructionMemo();
}

export function clearInstructionMemo(): void {
  entries.clear();
  stats.hits = 0;
  stats.misses = 0;
  stats.staleReads = 0;
}

/** Hits, misses (of which `staleReads`: same text, but something it read changed), and size. */
export function instructionMemoStats(): { hits: number; misses: number; staleReads: number; size: number } {
  return { ...stats, size: entries.size };
}

/** Interprets the instruction now, reading the state through `reader`, reporting to `errors`. */
export type Interpreter = (reader: StateReader, errors: SyntaxErr[]) => Instruction;

/**
 * The instruction at `index`, from the memo when its text and everything it read are unchanged
 * (moved to its place), else from `interpretNow` (then remembered). Its errors go to `errors`.
 */
export function memoizedInstruction(
  raw: RawInstruction,
  index: number,
  lines: LineTable,
  keyOptions: { escape: string; parser: string },
  reader: StateReader,
  errors: SyntaxErr[],
  interpretNow: Interpreter,
): Instruction {
  if (CHANGES_STATE.has(raw.keyword)) return interpretNow(reader, errors);
  const lineStart = lines.starts[raw.firstLine];
  const key = [
    keyOptions.parser,
    keyOptions.escape,
    reader.shell.join('\0'),
    raw.start - lineStart,
    raw.end - lineStart,
    lines.text.slice(lineStart, lines.ends[raw.lastLine]),
  ].join('\u0001');
  const entry = entries.get(key);
  if (entry) {
    if (stillHolds(entry.reads, reader)) {
      stats.hits++;
      entries.delete(key); // most recently used goes last
      entries.set(key, entry);
      const move = { by: lineStart - entry.lineStart, lines: raw.firstLine - entry.firstLine };
      for (const e of entry.errors) errors.push({ ...e, line: e.line + move.lines });
      return relocated(entry.instruction, move, index, reader.stage);
    }
    stats.staleReads++;
  }
  stats.misses++;
  const reads: Reads = { values: new Map(), envTexts: new Map(), copySources: new Map() };
  const own: SyntaxErr[] = [];
  const instruction = interpretNow(recording(reader, reads), own);
  errors.push(...own);
  for (const value of Object.values(instruction)) deepFreeze(value);
  entries.delete(key);
  entries.set(key, {
    instruction: { ...instruction },
    errors: own,
    reads,
    lineStart,
    firstLine: raw.firstLine,
  });
  if (entries.size > LIMIT) entries.delete(entries.keys().next().value as string);
  return instruction;
}

/** The reader's answers still match what the stored interpretation saw. */
function stillHolds(reads: Reads, reader: StateReader): boolean {
  if (flaw !== 'ignores-variables')
    for (const [name, value] of reads.values) if (reader.lookup(name) !== value) return false;
  for (const [name, text] of reads.envTexts) if (reader.envText(name) !== text) return false;
  for (const [value, source] of reads.copySources)
    if (describeSource(reader.copySource(value)) !== source) return false;
  return true;
}

/** A reader that answers as `reader` does and notes each first answer in `reads`. */
function recording(reader: StateReader, reads: Reads): StateReader {
  return {
    stage: reader.stage,
    shell: reader.shell,
    lookup: (name) => {
      const value = reader.lookup(name);
      if (!reads.values.has(name)) reads.values.set(name, value);
      return value;
    },
    envText: (name) => {
      const text = reader.envText(name);
      if (!reads.envTexts.has(name)) reads.envTexts.set(name, text);
      return text;
    },
    copySource: (value) => {
      const source = reader.copySource(value);
      reads.copySources.set(value, describeSource(source));
      return source;
    },
  };
}

function describeSource(source: { stage: number } | { image: string }): string {
  return 'stage' in source ? `stage ${source.stage}` : `image ${source.image}`;
}

interface Move {
  /** Offsets move by this much. */
  by: number;
  /** Line numbers move by this much. */
  lines: number;
}

/** A copy of a stored instruction for its new place: index, stage and every position updated. */
function relocated(stored: Instruction, move: Move, index: number, stage: number): Instruction {
  const copy = { ...stored, index, stage, commentsAbove: [] as string[] };
  if ((move.by === 0 && move.lines === 0) || flaw === 'keeps-positions') return copy;
  copy.span = moved(stored.span, move);
  copy.keywordSpan = moved(stored.keywordSpan, move);
  if (stored.argsSpan) copy.argsSpan = moved(stored.argsSpan, move);
  if (stored.argsAfterFlagsStart !== undefined)
    copy.argsAfterFlagsStart = stored.argsAfterFlagsStart + move.by;
  copy.flags = stored.flags.map((f) => ({ ...f, span: moved(f.span, move) }));
  copy.heredocs = stored.heredocs.map((h) => ({ ...h, span: moved(h.span, move) }));
  if ('shell' in copy && copy.shell) (copy as { shell: ShellScript }).shell = movedScript(copy.shell, move);
  return copy;
}

function movedScript(script: ShellScript, move: Move): ShellScript {
  return {
    ...script,
    commands: script.commands.map((c) => (c.span ? { ...c, span: moved(c.span, move) } : c)),
    errors: script.errors.map((e) => (e.span ? { ...e, span: moved(e.span, move) } : e)),
  };
}

function moved(span: Span, move: Move): Span {
  return {
    line: span.line + move.lines,
    endLine: span.endLine + move.lines,
    start: span.start + move.by,
    end: span.end + move.by,
  };
}
