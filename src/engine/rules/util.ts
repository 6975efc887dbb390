// Small shared helpers for the rules: model queries (stages that ship, RUN effects, mounts) and
// edit builders (offsets of shell commands in the original text, appending to a RUN).
// Rules never parse Dockerfile text; the only text work here maps the parser's joined shell source
// back to original offsets so that fixes can be expressed as TextEdits.
import type {
  CopyInstruction,
  DockerfileModel,
  Effect,
  FromInstruction,
  Instruction,
  PackageManager,
  RunInstruction,
  ShellCommand,
  ShellScript,
  Span,
  Stage,
} from '../model';
import type { FixSafety } from '../types';
import type { Fix, RuleContext, TextEdit } from './types';
import type { CatalogEntry } from '../size/types';
import { parseImageRef } from '../parse/images';
import { lineAt } from '../primitives/lines';
import { finalStage } from '../primitives/stages';

// ---------------------------------------------------------------------------------------------
// Positions

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

// ---------------------------------------------------------------------------------------------
// Stages

export { finalStage };

/** The final stage and every stage it builds on with `FROM <stage>`: their layers ship. */
export function shippedStages(model: DockerfileModel): Set<number> {
  const out = new Set<number>();
  let stage = finalStage(model);
  while (stage && !out.has(stage.index)) {
    out.add(stage.index);
    const base = stage.base;
    stage = 'stage' in base ? (model.stages[base.stage] ?? null) : null;
  }
  return out;
}

export function isShipped(model: DockerfileModel, stageIndex: number): boolean {
  return shippedStages(model).has(stageIndex);
}

export function stageLabel(stage: Stage): string {
  if (stage.final) return stage.name ? `the final stage '${stage.name}'` : 'the final stage';
  return stage.name ? `stage '${stage.name}'` : `stage ${stage.index}`;
}

/** The outside image a stage finally rests on (following FROM <stage>), or null (scratch). */
export function rootImage(model: DockerfileModel, stage: Stage): string | null {
  const seen = new Set<number>();
  let s: Stage | undefined = stage;
  while (s && !seen.has(s.index)) {
    seen.add(s.index);
    const base: Stage['base'] = s.base;
    if ('image' in base) return base.image;
    if ('scratch' in base) return null;
    s = model.stages[base.stage];
  }
  return null;
}

export function isRun(ins: Instruction): ins is RunInstruction {
  return ins.keyword === 'RUN';
}

export function isCopy(ins: Instruction): ins is CopyInstruction {
  return ins.keyword === 'COPY' || ins.keyword === 'ADD';
}

export function isFrom(ins: Instruction): ins is FromInstruction {
  return ins.keyword === 'FROM';
}

/** The RUN itself, or the RUN an `ONBUILD RUN` triggers (checked like a RUN, as hadolint does). */
export function runOf(ins: Instruction): RunInstruction | null {
  if (isRun(ins)) return ins;
  if (ins.keyword === 'ONBUILD' && 'trigger' in ins && ins.trigger && isRun(ins.trigger)) return ins.trigger;
  return null;
}

/** The stage's RUNs, plus the RUN triggers of its ONBUILDs. */
export function runsOf(stage: Stage): RunInstruction[] {
  return stage.instructions.map(runOf).filter((r): r is RunInstruction => r !== null);
}

/** Every RUN of the file, plus the RUN triggers of ONBUILD (they run in child images). */
export function allRuns(model: DockerfileModel): RunInstruction[] {
  return model.instructions.map(runOf).filter((r): r is RunInstruction => r !== null);
}

export function effects<K extends Effect['kind']>(
  run: RunInstruction,
  kind: K,
): Extract<Effect, { kind: K }>[] {
  const list = run.shell?.effects ?? [];
  return list.filter((e): e is Extract<Effect, { kind: K }> => e.kind === kind);
}

export function installs(run: RunInstruction, managers?: PackageManager[]) {
  return effects(run, 'package-install').filter((e) => !managers || managers.includes(e.manager));
}

export function commandOf(run: RunInstruction, index: number): ShellCommand | undefined {
  return run.shell?.commands[index];
}

/** True when the RUN has a cache or tmpfs mount whose target is one of `paths` (or above/below it). */
export function hasCacheMount(run: RunInstruction, paths: string[]): boolean {
  return run.mounts.some((m) => {
    if (m.type !== 'cache' && m.type !== 'tmpfs') return false;
    const target = normPath(m.target ?? '');
    if (!target) return false;
    return paths.some((p) => {
      const q = normPath(p);
      return target === q || q.startsWith(target + '/') || target.startsWith(q + '/');
    });
  });
}

function normPath(p: string): string {
  return p.replace(/(?<!\/)\/+$/, '').replace(/^~(?=\/)/, '/root');
}

/** Value of an environment variable in effect for the stage (ENV of the stage or its parents). */
export function stageEnv(stage: Stage, name: string): string | undefined {
  return stage.env?.[name];
}

// ---------------------------------------------------------------------------------------------
// Base images

export interface BaseInfo {
  reference: string;
  repo: string; // 'node', 'python', 'gcr.io/distroless/static-debian12'
  tag: string | null;
  digest: string | null;
  entry: CatalogEntry | null;
  /** How the catalog matched the reference ('exact', 'alias', 'family', 'fallback', ...). */
  match: string;
}

/** Splits an image reference (registry/name:tag@digest) into repository, tag and digest. */
export function splitImage(reference: string): { repo: string; tag: string | null; digest: string | null } {
  const { repository, tag, digest } = parseImageRef(reference);
  return { repo: repository, tag, digest };
}

export function baseInfo(ctx: RuleContext, stage: Stage): BaseInfo | null {
  const image = rootImage(ctx.model, stage);
  if (!image) return null;
  const { repo, tag, digest } = splitImage(image);
  let entry: CatalogEntry | null = null;
  let match = 'unknown';
  try {
    const res = ctx.bases.resolve(image);
    entry = res.entry;
    match = res.match;
  } catch {
    entry = null;
  }
  return { reference: image, repo, tag, digest, entry, match };
}

const INTERPRETED = new Set(['node', 'python', 'ruby', 'php', 'perl', 'bun', 'deno']);
const SDK_REPOS =
  /^(golang|rust|maven|gradle|openjdk|eclipse-temurin|amazoncorretto|gcc|buildpack-deps|mcr\.microsoft\.com\/dotnet\/sdk|swift|haskell|elixir|erlang)$/;

/**
 * True when the base is a compiler SDK (golang, rust, maven, gradle, a JDK, the .NET SDK): what it
 * holds is for building. Full interpreter images (node, python, ruby) are not SDKs here even though
 * the catalog marks them as carrying a toolchain: a slim variant of the same runtime replaces them.
 */
export function isSdkBase(info: BaseInfo | null): boolean {
  if (!info) return false;
  if (SDK_REPOS.test(info.repo)) return !/(^|-)jre(-|$)/.test(info.tag ?? '');
  if (info.repo.endsWith('/sdk') || /(^|-)jdk(-|$)/.test(info.tag ?? '')) return true;
  const e = info.entry;
  return !!e && e.toolchain && !!e.runtime && !INTERPRETED.has(e.runtime.name) && info.match !== 'fallback';
}

/** True when the base looks like Alpine (musl, BusyBox ash, apk). */
export function isAlpineBase(info: BaseInfo | null): boolean {
  if (!info) return false;
  if (info.entry) return info.entry.os === 'alpine' || info.entry.libc === 'musl';
  return info.repo === 'alpine' || /(^|-)alpine/.test(info.tag ?? '');
}

/** True when the base has no shell (distroless, scratch, chiseled). */
export function isShellless(info: BaseInfo | null): boolean {
  if (!info) return true;
  if (info.entry) return !info.entry.shell;
  return /distroless|chiseled/.test(info.repo + ':' + (info.tag ?? ''));
}

// ---------------------------------------------------------------------------------------------
// Shell source → original text offsets

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
