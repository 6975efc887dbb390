// Dockerfile text → DockerfileModel. dockerfile-ast finds the instructions, their keywords and the
// parser directives; everything else (argument text, flags, heredocs, variables, spans) is computed
// here from the original text, so offsets are exact and the work stays linear.
import { DockerfileParser } from 'dockerfile-ast';
import type { Instruction as AstInstruction, Dockerfile as AstDockerfile } from 'dockerfile-ast';
import type {
  ArgInstruction,
  CopyInstruction,
  Directives,
  DockerfileModel,
  FromInstruction,
  Instruction,
  Flag,
  KeyValue,
  Mount,
  OtherInstruction,
  RunInstruction,
  ShellScript,
  Span,
  Stage,
} from '../model';
import { LineTable, joinLogicalLine, toOriginal } from './text';
import type { LogicalText } from './text';
import { parseMount, scanFlags } from './flags';
import {
  FLAG_KEYWORDS,
  HEREDOC_KEYWORDS,
  isKnownKeyword,
  JSON_FORM_KEYWORDS,
  KNOWN_KEYWORDS,
  CMD_EXE,
  POSIX_SHELLS,
  POWERSHELL,
} from '../primitives/keywords';
import { normalizePath } from '../primitives/paths';
import { findHeredocMarkers, scanHeredocBodies } from './heredocs';
import type { HeredocMarker } from './heredocs';
import { parsePairs, processWord, rawWords, splitWords } from './variables';
import type { Lookup, VarValue } from './variables';
import { isScratch } from './images';
import { emptyScript, parseShell, shellParserReady } from './shell';
import { deriveEffects } from './effects/index';
import { finishStages } from './stages';

const ARCHIVE = /\.(tar|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz|tar\.zst|tzst|tar\.lz4)$/i;
const REMOTE = /^(https?:\/\/|git@|git:\/\/|ssh:\/\/)/i;

/** Build arguments Docker defines automatically in the global scope (linux/amd64 assumed). */
const AUTOMATIC_ARGS: Record<string, string> = {
  TARGETPLATFORM: 'linux/amd64',
  TARGETOS: 'linux',
  TARGETARCH: 'amd64',
  TARGETVARIANT: '',
  BUILDPLATFORM: 'linux/amd64',
  BUILDOS: 'linux',
  BUILDARCH: 'amd64',
  BUILDVARIANT: '',
};

type SyntaxErr = DockerfileModel['syntaxErrors'][number];

/** The syntactic reading of one instruction, before its meaning is worked out. */
interface RawInstruction {
  keyword: string;
  start: number;
  end: number;
  keywordSpan: Span;
  logical: LogicalText;
  /** Trimmed argument text and where it starts in the logical text. */
  args: string;
  argsAt: number;
  heredocMarkers: HeredocMarker[];
  heredocs: Instruction['heredocs'];
  heredocRaw: string;
  firstLine: number;
  lastLine: number;
  ast: AstInstruction;
}

/** Mutable state while walking the instructions in order. */
interface WalkState {
  global: Map<string, string | null>;
  stage: StageState | null;
  stages: StageState[];
  /** Stage names of the whole file (lower-cased) → index, for references to later stages. */
  names: Map<string, number>;
}

interface StageState {
  stage: Stage;
  env: Map<string, string | null>;
  envDisplay: Map<string, string>;
  args: Map<string, string | null>;
  shell: string[];
  lookup: Lookup;
}

export function emptyModel(text: string, lineStarts: number[]): DockerfileModel {
  return {
    text,
    lineStarts,
    directives: { syntax: null, escape: '\\', check: null, all: [] },
    globalArgs: [],
    instructions: [],
    stages: [],
    syntaxErrors: [],
    globalIgnores: [],
    comments: [],
  };
}

export function buildModel(text: string): DockerfileModel {
  const lines = new LineTable(text);
  const model = emptyModel(text, lines.starts);
  const garbage = looksBinary(text) ?? tooManyInstructions(lines);
  if (garbage) {
    model.syntaxErrors.push({ line: garbage.line, column: garbage.column, message: garbage.message });
    return model;
  }
  let ast: AstDockerfile;
  try {
    ast = DockerfileParser.parse(text);
  } catch (error) {
    model.syntaxErrors.push({
      line: 1,
      column: 1,
      message: `The Dockerfile could not be read: ${String(error)}`,
    });
    return model;
  }
  model.directives = readDirectives(ast, lines);
  const escape = model.directives.escape;
  const errors: SyntaxErr[] = [];
  const raws = readInstructions(ast, lines, escape, errors);
  const state: WalkState = {
    global: new Map(Object.entries(AUTOMATIC_ARGS)),
    stage: null,
    stages: [],
    names: stageNames(raws, escape),
  };
  let sawFrom = false;
  const beforeFrom: Instruction[] = [];
  let previousEnd = -1;
  const hasFrom = raws.some((r) => r.keyword === 'FROM');
  for (let i = 0; i < raws.length; i++) {
    const raw = raws[i];
    // A snippet without any FROM is linted as one stage with no base image, as hadolint does.
    if (!hasFrom && !state.stage && raw.keyword !== 'ARG') startImplicitStage(raw, lines, state);
    const instruction = interpret(raw, i, lines, escape, state, errors, true);
    instruction.commentsAbove = commentsAbove(lines, raw.firstLine, previousEnd);
    previousEnd = raw.lastLine;
    model.instructions.push(instruction);
    if (instruction.stage >= 0) state.stages[instruction.stage]?.stage.instructions.push(instruction);
    if (instruction.keyword === 'FROM') sawFrom = true;
    else if (!sawFrom && instruction.keyword === 'ARG') model.globalArgs.push(instruction as ArgInstruction);
    else if (!sawFrom && instruction.known) beforeFrom.push(instruction);
  }
  if (model.instructions.length === 0) {
    errors.push({
      line: 1,
      column: 1,
      message:
        'The Dockerfile is empty: it needs at least a FROM instruction (for example `FROM alpine:3.20`).',
    });
  } else if (sawFrom) {
    for (const instruction of beforeFrom) {
      errors.push(
        at(
          instruction.keywordSpan,
          lines,
          `${instruction.keyword} comes before the first FROM; only ARG may appear there (and parser directives or comments).`,
        ),
      );
    }
  } else {
    const first = model.instructions[0];
    errors.push(
      at(
        first.keywordSpan,
        lines,
        'There is no FROM instruction: a Dockerfile must start from a base image (FROM).',
      ),
    );
  }
  for (const s of state.stages) stageStateToStage(s);
  model.stages = state.stages.map((s) => s.stage);
  finishStages(model);
  const { comments, globalIgnores } = readComments(lines, raws);
  model.comments = comments;
  model.globalIgnores = globalIgnores;
  errors.sort((a, b) => a.line - b.line || a.column - b.column);
  model.syntaxErrors = errors;
  return model;
}

// ---------------------------------------------------------------------------------------------
// Reading

/**
 * Real Dockerfiles have at most a few hundred instructions (183 in the largest of 151 real files);
 * thousands (4,651 chained ARGs, 12,000 RUN lines) only come from generated or hostile text and
 * cost seconds to parse, check and rewrite. Past the cap the file is refused with a clear error.
 */
export const MAX_INSTRUCTIONS = 1000;

const HEREDOC = /<<-?\s*(["']?)([A-Za-z_][A-Za-z0-9_]*)\1/g;

/** Counts instruction lines without parsing (continuations, comments and heredoc bodies skipped). */
function tooManyInstructions(lines: LineTable): { line: number; column: number; message: string } | null {
  let count = 0;
  let continued = false;
  let heredocs: string[] = [];
  for (let l = 0; l < lines.count; l++) {
    const content = lines.line(l);
    if (heredocs.length > 0) {
      if (content.replace(/^\t+/, '').trimEnd() === heredocs[0]) heredocs.shift();
      continue;
    }
    const trimmed = content.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    if (!continued && ++count > MAX_INSTRUCTIONS)
      return {
        line: l + 1,
        column: 1,
        message: `This Dockerfile has more than ${MAX_INSTRUCTIONS.toLocaleString('en')} instructions; real ones have a few hundred at most, so it is not analyzed. Check that the right file was pasted, or split it.`,
      };
    continued = trimmed.endsWith('\\') || trimmed.endsWith('`');
    for (const m of trimmed.matchAll(HEREDOC)) heredocs.push(m[2]);
  }
  return null;
}

function looksBinary(text: string): { line: number; column: number; message: string } | null {
  const nul = text.indexOf('\0');
  const sample = text.length > 65536 ? text.slice(0, 65536) : text;
  let control = 0;
  let replaced = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) control++;
    else if (c === 0xfffd) replaced++;
  }
  // A few bytes that were not UTF-8 (a Latin-1 comment) read as U+FFFD and do not make a file
  // binary; a file made mostly of them does.
  const binary = control / sample.length >= 0.05 || replaced / sample.length >= 0.25;
  if (nul < 0 && (sample.length < 16 || !binary)) return null;
  const offset = nul >= 0 ? nul : 0;
  const lines = text.slice(0, offset).split(/\r\n|\r|\n/);
  return {
    line: lines.length,
    column: lines[lines.length - 1].length + 1,
    message:
      nul >= 0
        ? 'This does not look like a Dockerfile: it contains NUL bytes (binary data). Paste the text of a Dockerfile.'
        : 'This does not look like a Dockerfile: it is mostly control characters or bytes that are not UTF-8 text (binary data). Paste the text of a Dockerfile.',
  };
}

const DIRECTIVE = /^\s*#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.*?)\s*$/;

/**
 * Parser directives: `# name=value` lines at the very top, before any blank line, other comment
 * or instruction (BuildKit's rule). The escape character is taken from dockerfile-ast so that its
 * instruction boundaries and our reading agree.
 */
function readDirectives(ast: AstDockerfile, lines: LineTable): Directives {
  const directives: Directives = { syntax: null, escape: '\\', check: null, all: [] };
  for (let l = 0; l < lines.count && l < 100; l++) {
    let content = lines.line(l);
    if (l === 0 && content.charCodeAt(0) === 0xfeff) content = content.slice(1);
    const m = DIRECTIVE.exec(content);
    // Blank lines before the first directive are skipped (BuildKit's own tests start with one).
    if (!m && content.trim() === '' && directives.all.length === 0) continue;
    if (!m) break;
    const name = m[1].toLowerCase();
    if (directives.all.some((d) => d.name === name)) break;
    directives.all.push({ name, value: m[2], line: l + 1 });
    if (name === 'syntax') directives.syntax = m[2];
    if (name === 'check') directives.check = m[2];
  }
  try {
    directives.escape = ast.getEscapeCharacter() === '`' ? '`' : '\\';
  } catch {
    // keep the default
  }
  return directives;
}

function readInstructions(
  ast: AstDockerfile,
  lines: LineTable,
  escape: string,
  errors: SyntaxErr[],
): RawInstruction[] {
  const raws: RawInstruction[] = [];
  let list: AstInstruction[] = [];
  try {
    list = ast.getInstructions();
  } catch {
    list = [];
  }
  let consumedUntil = -1; // last 0-based line used by the previous instruction
  for (const node of list) {
    try {
      const raw = readInstruction(node, lines, escape, errors, consumedUntil);
      if (!raw) continue;
      raws.push(raw);
      consumedUntil = raw.lastLine;
    } catch {
      // an instruction dockerfile-ast could not describe: skip it
    }
  }
  return raws;
}

function readInstruction(
  node: AstInstruction,
  lines: LineTable,
  escape: string,
  errors: SyntaxErr[],
  consumedUntil: number,
): RawInstruction | null {
  const kwRange = node.getInstructionRange();
  const range = node.getRange();
  if (kwRange.start.line <= consumedUntil) return null; // inside an earlier heredoc
  const start = lines.offset(kwRange.start.line, kwRange.start.character);
  const kwEnd = lines.offset(kwRange.end.line, kwRange.end.character);
  const keyword = (node.getKeyword() || node.getInstruction() || '').toUpperCase();
  const maxLine = Math.max(range.end.line, kwRange.start.line);
  const logical = joinLogicalLine(lines, kwRange.end.line, kwEnd, escape, maxLine);
  const lead = logical.text.length - logical.text.trimStart().length;
  const args = logical.text.trim();
  let lastLine = logical.lastLine;
  let end = logical.end;
  let heredocMarkers: HeredocMarker[] = [];
  let heredocs: Instruction['heredocs'] = [];
  let heredocRaw = '';
  if (HEREDOC_KEYWORDS.has(keyword) && args.includes('<<')) {
    heredocMarkers = findHeredocMarkers(args, escape);
    if (heredocMarkers.length > 0) {
      const scan = scanHeredocBodies(lines, heredocMarkers, logical.lastLine + 1);
      heredocs = scan.heredocs;
      heredocRaw = scan.rawBodies;
      if (scan.lastLine > lastLine) {
        lastLine = scan.lastLine;
        end = scan.end;
      }
      for (const m of scan.unterminated) {
        const offset = toOriginal(logical, lead + m.start);
        errors.push({
          line: lines.lineOf(offset) + 1,
          column: lines.column(offset),
          message: `The heredoc <<${m.name} is never closed: add a line containing only ${m.name} after its content.`,
        });
      }
    }
  }
  return {
    keyword,
    start,
    end,
    keywordSpan: lines.span(start, kwEnd),
    logical,
    args,
    argsAt: lead,
    heredocMarkers,
    heredocs,
    heredocRaw,
    firstLine: kwRange.start.line,
    lastLine,
    ast: node,
  };
}

/** Names of all stages (`FROM image AS name`), lower-cased, with their index. */
function stageNames(raws: RawInstruction[], escape: string): Map<string, number> {
  const names = new Map<string, number>();
  let index = 0;
  for (const raw of raws) {
    if (raw.keyword !== 'FROM') continue;
    const words = rawWords(raw.args, escape).filter((w) => !w.raw.startsWith('--'));
    if (words.length >= 3 && words[1].raw.toLowerCase() === 'as') {
      const name = words[2].raw.toLowerCase();
      if (!names.has(name)) names.set(name, index);
    }
    index++;
  }
  return names;
}

// ---------------------------------------------------------------------------------------------
// Interpretation

function at(span: Span, lines: LineTable, message: string): SyntaxErr {
  return { line: span.line, column: lines.column(span.start), message };
}

/** The fields every instruction has (see InstructionBase in model.ts). */
type CommonFields = Omit<OtherInstruction, 'args'>;

/** One instruction being interpreted: its raw form, the walk's state and the common fields. */
interface Interpretation {
  raw: RawInstruction;
  index: number;
  lines: LineTable;
  escape: string;
  state: WalkState;
  errors: SyntaxErr[];
  /** False for an ONBUILD trigger: it changes no stage state. */
  topLevel: boolean;
  keyword: string;
  base: CommonFields;
  flags: Flag[];
  argsAfterFlags: string;
  json: string[] | null;
  lookup: Lookup;
  flagValue: (name: string) => string | null | undefined;
  expand: (word: string) => { value: string; unresolved: boolean };
  hasContent: boolean;
}

function interpret(
  raw: RawInstruction,
  index: number,
  lines: LineTable,
  escape: string,
  state: WalkState,
  errors: SyntaxErr[],
  topLevel: boolean,
): Instruction {
  const keyword = raw.keyword;
  const known = isKnownKeyword(keyword);
  const flagScan = FLAG_KEYWORDS.has(keyword)
    ? scanFlags(raw.args, escape, lines, raw.logical, raw.argsAt)
    : null;
  const flags = flagScan?.flags ?? [];
  const argsAfterFlags = flagScan ? raw.args.slice(flagScan.rest) : raw.args;
  const afterFlagsAt = raw.argsAt + (flagScan?.rest ?? 0);
  let form: Instruction['form'] = 'none';
  let json: string[] | null = null;
  if (JSON_FORM_KEYWORDS.has(keyword)) {
    json = parseJsonForm(argsAfterFlags);
    form = json ? 'json' : 'shell';
    if (!json && looksLikeJson(argsAfterFlags) && keyword !== 'COPY' && keyword !== 'ADD') {
      errors.push(
        at(
          raw.keywordSpan,
          lines,
          `${keyword} looks like the JSON (exec) form but is not valid JSON (use double quotes and commas: ["a", "b"]); Docker will run it as a shell command instead.`,
        ),
      );
    }
  }
  const argsStartOffset = toOriginal(raw.logical, raw.argsAt);
  const base = {
    index,
    keyword,
    known,
    stage: state.stage ? state.stage.stage.index : -1,
    span: lines.span(raw.start, raw.end),
    keywordSpan: raw.keywordSpan,
    raw: lines.text.slice(raw.start, raw.end),
    argsText: raw.args,
    argsAfterFlags,
    flags,
    form,
    json,
    heredocs: raw.heredocs,
    commentsAbove: [] as string[],
    argsSpan: raw.args === '' && raw.heredocs.length === 0 ? null : lines.span(argsStartOffset, raw.end),
    argsAfterFlagsStart: toOriginal(raw.logical, afterFlagsAt),
  };
  const lookup: Lookup = state.stage ? state.stage.lookup : (name) => state.global.get(name);
  const flagValue = (name: string) => {
    const f = flags.find((x) => x.name === name);
    if (!f) return undefined;
    return f.value;
  };
  const expand = (word: string) => processWord(word, escape, lookup);
  const hasContent = argsAfterFlags !== '' || raw.heredocs.length > 0;
  const c: Interpretation = {
    raw,
    index,
    lines,
    escape,
    state,
    errors,
    topLevel,
    keyword,
    base,
    flags,
    argsAfterFlags,
    json,
    lookup,
    flagValue,
    expand,
    hasContent,
  };
  checkKeyword(c, known);
  return (INTERPRETERS[keyword] ?? interpretOther)(c);
}

/** Errors for an instruction without arguments, template syntax or an unknown keyword. */
function checkKeyword(c: Interpretation, known: boolean): void {
  const { raw, lines, errors, keyword, hasContent } = c;
  if (known && !hasContent && keyword !== 'ONBUILD') {
    errors.push(at(raw.keywordSpan, lines, `${keyword} needs arguments: ${USAGE[keyword] ?? keyword}.`));
  }
  if (!known && /^[{<%]/.test(keyword)) {
    errors.push(
      at(
        raw.keywordSpan,
        lines,
        `"${keyword}" is template syntax, not a Dockerfile instruction: render the template first.`,
      ),
    );
  } else if (!known) {
    const guess = suggestKeyword(keyword);
    errors.push(
      at(
        raw.keywordSpan,
        lines,
        guess
          ? `Unknown instruction "${keyword}" (did you mean ${guess}?).`
          : `Unknown instruction "${keyword}". Dockerfile instructions are ${KNOWN_KEYWORDS.join(', ')}.`,
      ),
    );
  }
}

/** The interpreter of each instruction (the others: `interpretOther`). */
const INTERPRETERS: Record<string, (c: Interpretation) => Instruction> = {
  FROM: interpretFrom,
  RUN: interpretRun,
  CMD: interpretCommand,
  ENTRYPOINT: interpretCommand,
  COPY: interpretCopy,
  ADD: interpretCopy,
  ENV: interpretEnv,
  ARG: interpretArg,
  LABEL: interpretLabel,
  HEALTHCHECK: interpretHealthcheck,
  ONBUILD: interpretOnbuild,
};

function interpretFrom(c: Interpretation): Instruction {
  const { raw, lines, escape, state, errors, topLevel, keyword, argsAfterFlags, flagValue, base } = c;
  const words = rawWords(argsAfterFlags, escape);
  const image = words[0]?.raw ?? '';
  let stageName: string | null = null;
  if (words.length >= 2) {
    if (words[1].raw.toLowerCase() === 'as' && words.length >= 3) stageName = words[2].raw;
    else
      errors.push(
        at(
          raw.keywordSpan,
          lines,
          'FROM takes an image and optionally `AS name`, e.g. `FROM node:22 AS build`.',
        ),
      );
    if (words.length > 3) errors.push(at(raw.keywordSpan, lines, 'FROM has extra words after `AS name`.'));
  }
  const globalLookup: Lookup = (name) => state.global.get(name);
  const resolved = image ? processWord(image, escape, globalLookup) : { value: '', unresolved: true };
  const platformRaw = flagValue('platform');
  const platform =
    platformRaw === undefined || platformRaw === null
      ? null
      : processWord(platformRaw, escape, globalLookup).value;
  const from: FromInstruction = {
    ...base,
    keyword: 'FROM',
    stage: state.stages.length,
    image,
    resolvedImage: resolved.unresolved || !image ? null : resolved.value,
    stageName,
    platform,
  };
  if (topLevel) startStage(from, state);
  return from;
}

function interpretRun(c: Interpretation): Instruction {
  const { raw, lines, escape, state, keyword, flags, argsAfterFlags, lookup, flagValue, base } = c;
  const mounts: Mount[] = flags
    .filter((f) => f.name === 'mount' && f.value)
    .map((f) => parseMount(f.value as string, escape, lookup));
  const run: RunInstruction = {
    ...base,
    keyword: 'RUN',
    mounts,
    network: flagValue('network') ?? null,
    security: flagValue('security') ?? null,
    shell: emptyScript(argsAfterFlags),
  };
  run.shell = runScript(run, raw, state, lookup, lines);
  return run;
}

function interpretCommand(c: Interpretation): Instruction {
  const { raw, lines, state, keyword, argsAfterFlags, json, lookup, base } = c;
  const shift = raw.args.length - argsAfterFlags.length;
  const shell = json
    ? null
    : safeShell(
        argsAfterFlags,
        state,
        lookup,
        { effects: false, mapOffset: (o) => toOriginal(raw.logical, raw.argsAt + shift + o) },
        lines,
      );
  return { ...base, keyword: keyword as 'CMD' | 'ENTRYPOINT', shell };
}

function interpretCopy(c: Interpretation): Instruction {
  const { raw, lines, escape, state, errors, keyword, base, flags, argsAfterFlags, json, lookup, flagValue } =
    c;
  return copyInstruction(
    base,
    keyword as 'COPY' | 'ADD',
    argsAfterFlags,
    json,
    flagValue,
    flags,
    state,
    escape,
    lookup,
    raw,
    lines,
    errors,
  );
}

function interpretEnv(c: Interpretation): Instruction {
  const { raw, lines, escape, state, errors, topLevel, keyword, argsAfterFlags, expand, base } = c;
  const { pairs, legacy } = parsePairs(argsAfterFlags, escape, true);
  const display: string[] = [];
  const kv: KeyValue[] = pairs.map((p) => {
    if (p.value === null) {
      display.push('');
      return { key: p.key, value: null, resolved: null };
    }
    const r = expand(p.value);
    display.push(r.value);
    return { key: p.key, value: unquote(p.value, escape), resolved: r.unresolved ? null : r.value };
  });
  for (const p of kv) {
    if (!p.key || p.value === null) {
      errors.push(at(raw.keywordSpan, lines, 'ENV needs a name and a value: `ENV NAME=value`.'));
      break;
    }
  }
  if (topLevel && state.stage) {
    kv.forEach((p, i) => {
      if (!p.key || !state.stage) return;
      state.stage.env.set(p.key, p.resolved);
      state.stage.envDisplay.set(p.key, display[i]);
    });
  }
  return { ...base, keyword: 'ENV', pairs: kv, legacyForm: legacy };
}

function interpretArg(c: Interpretation): Instruction {
  const { escape, state, topLevel, keyword, argsAfterFlags, expand, base } = c;
  const { pairs } = parsePairs(argsAfterFlags, escape, false);
  const kv: KeyValue[] = pairs.map((p) => {
    if (p.value === null) {
      // `ARG X` in a stage picks up the global default of X.
      const inherited = state.stage ? state.global.get(p.key) : undefined;
      const auto = state.stage && p.key in AUTOMATIC_ARGS ? AUTOMATIC_ARGS[p.key] : undefined;
      const resolved = inherited ?? auto ?? null;
      return { key: p.key, value: null, resolved };
    }
    const r = expand(p.value);
    return { key: p.key, value: unquote(p.value, escape), resolved: r.unresolved ? null : r.value };
  });
  if (topLevel) {
    for (const p of kv) {
      if (!p.key) continue;
      if (state.stage) state.stage.args.set(p.key, p.resolved);
      else state.global.set(p.key, p.resolved);
    }
  }
  return { ...base, keyword: 'ARG', pairs: kv };
}

function interpretLabel(c: Interpretation): Instruction {
  const { escape, keyword, argsAfterFlags, expand, base } = c;
  const { pairs } = parsePairs(argsAfterFlags, escape, true);
  const kv: KeyValue[] = pairs.map((p) => {
    if (p.value === null) return { key: unquote(p.key, escape), value: null, resolved: null };
    const r = expand(p.value);
    return {
      key: unquote(p.key, escape),
      value: unquote(p.value, escape),
      resolved: r.unresolved ? null : r.value,
    };
  });
  return { ...base, keyword: 'LABEL', pairs: kv };
}

function interpretHealthcheck(c: Interpretation): Instruction {
  const { raw, lines, escape, errors, keyword, argsAfterFlags, json, base } = c;
  const words = rawWords(argsAfterFlags, escape);
  const sub = words[0]?.raw.toUpperCase() ?? '';
  let command: string[] | null = null;
  let hcForm: Instruction['form'] = 'none';
  let hcJson: string[] | null = null;
  if (sub === 'CMD') {
    const rest = argsAfterFlags.slice(words[0].end).trim();
    hcJson = parseJsonForm(rest);
    hcForm = hcJson ? 'json' : 'shell';
    command = hcJson ? ['CMD', ...hcJson] : ['CMD-SHELL', rest];
    if (rest === '') errors.push(at(raw.keywordSpan, lines, 'HEALTHCHECK CMD needs a command to run.'));
  } else if (sub !== 'NONE' && sub !== '') {
    errors.push(at(raw.keywordSpan, lines, 'HEALTHCHECK takes `NONE` or `CMD <command>`.'));
  }
  return { ...base, keyword: 'HEALTHCHECK', form: hcForm, json: hcJson, none: sub === 'NONE', command };
}

function interpretOnbuild(c: Interpretation): Instruction {
  const { raw, index, lines, escape, state, errors, keyword, hasContent, base } = c;
  let trigger: Instruction | null = null;
  try {
    const node = (
      raw.ast as unknown as { getTriggerInstruction(): AstInstruction | null }
    ).getTriggerInstruction();
    if (node) {
      const triggerRaw = readInstruction(node, lines, escape, [], -1);
      if (triggerRaw) {
        const kw = triggerRaw.keyword;
        if (kw === 'ONBUILD' || kw === 'FROM' || kw === 'MAINTAINER') {
          errors.push(at(triggerRaw.keywordSpan, lines, `ONBUILD cannot trigger ${kw}.`));
        }
        trigger = interpret(triggerRaw, index, lines, escape, state, errors, false);
      }
    }
  } catch {
    trigger = null;
  }
  if (!trigger && hasContent)
    errors.push(at(raw.keywordSpan, lines, 'ONBUILD needs an instruction to trigger.'));
  else if (!hasContent)
    errors.push(
      at(raw.keywordSpan, lines, 'ONBUILD needs an instruction to trigger, e.g. `ONBUILD COPY . /app`.'),
    );
  return { ...base, keyword: 'ONBUILD', trigger };
}

function interpretOther(c: Interpretation): Instruction {
  const { raw, lines, escape, state, errors, topLevel, keyword, argsAfterFlags, json, lookup, base } = c;
  const args = otherArgs(keyword, argsAfterFlags, json, escape, lookup);
  if (keyword === 'SHELL') {
    if (!json && argsAfterFlags !== '') {
      errors.push(
        at(
          raw.keywordSpan,
          lines,
          'SHELL must use the JSON form, e.g. `SHELL ["/bin/bash", "-o", "pipefail", "-c"]`.',
        ),
      );
    } else if (json && json.length === 0) {
      errors.push(at(raw.keywordSpan, lines, 'SHELL needs at least the shell executable.'));
    } else if (json && topLevel && state.stage) state.stage.shell = json;
  }
  if (topLevel && state.stage) {
    if (keyword === 'WORKDIR' && args[0]) {
      // An unresolved variable at the start (`$HOME/app`) may be absolute: keep it as written.
      const unresolvedStart = /^\$/.test(args[0]) && processWord(argsAfterFlags, escape, lookup).unresolved;
      state.stage.stage.workdir = unresolvedStart ? args[0] : joinPath(state.stage.stage.workdir, args[0]);
    }
    if (keyword === 'USER' && args[0]) state.stage.stage.user = args[0];
  }
  return { ...base, args };
}

const USAGE: Record<string, string> = {
  FROM: '`FROM image[:tag] [AS name]`',
  RUN: '`RUN command`',
  CMD: '`CMD ["executable", "arg"]`',
  LABEL: '`LABEL key=value`',
  MAINTAINER: '`MAINTAINER name`',
  EXPOSE: '`EXPOSE port[/protocol]`',
  ENV: '`ENV NAME=value`',
  ADD: '`ADD source... destination`',
  COPY: '`COPY source... destination`',
  ENTRYPOINT: '`ENTRYPOINT ["executable", "arg"]`',
  VOLUME: '`VOLUME ["/data"]`',
  USER: '`USER name[:group]`',
  WORKDIR: '`WORKDIR /path`',
  ARG: '`ARG NAME[=default]`',
  STOPSIGNAL: '`STOPSIGNAL SIGTERM`',
  HEALTHCHECK: '`HEALTHCHECK CMD command` or `HEALTHCHECK NONE`',
  SHELL: '`SHELL ["executable", "parameters"]`',
};

/**
 * The stage of a snippet that has no FROM: a synthetic, zero-length FROM (not in the instruction
 * list) at the first instruction, no base image. Rules lint it; the size model says "no base image".
 */
function startImplicitStage(raw: RawInstruction, lines: LineTable, state: WalkState): void {
  const at = lines.span(raw.start, raw.start);
  const from: FromInstruction = {
    index: -1,
    keyword: 'FROM',
    known: true,
    stage: 0,
    span: at,
    keywordSpan: at,
    raw: '',
    argsText: '',
    argsAfterFlags: '',
    flags: [],
    form: 'none',
    json: null,
    heredocs: [],
    commentsAbove: [],
    image: '',
    resolvedImage: null,
    stageName: null,
    platform: null,
  };
  startStage(from, state);
  state.stage!.stage.implicit = true;
}

function startStage(from: FromInstruction, state: WalkState): void {
  const index = state.stages.length;
  const image = from.resolvedImage ?? from.image;
  const lower = image.toLowerCase();
  const parent = lower
    ? state.stages.find((s) => s.stage.name !== null && s.stage.name.toLowerCase() === lower)
    : undefined;
  const baseRef: Stage['base'] = parent
    ? { stage: parent.stage.index }
    : isScratch(image)
      ? { scratch: true }
      : { image, unresolved: from.resolvedImage === null };
  const env = new Map(parent?.env ?? []);
  const envDisplay = new Map(parent?.envDisplay ?? []);
  const args = new Map<string, string | null>();
  const stage: Stage = {
    index,
    name: from.stageName,
    from,
    instructions: [],
    base: baseRef,
    dependsOn: parent ? [parent.stage.index] : [],
    final: false,
    reachable: false,
    env: {},
    user: parent?.stage.user ?? null,
    workdir: parent?.stage.workdir ?? null,
    span: from.span,
    shell: parent?.shell ?? ['/bin/sh', '-c'],
    args: {},
    parent: parent ? parent.stage.index : null,
  };
  const s: StageState = {
    stage,
    env,
    envDisplay,
    args,
    shell: stage.shell ?? ['/bin/sh', '-c'],
    lookup: (name: string): VarValue =>
      env.has(name) ? env.get(name) : args.has(name) ? args.get(name) : undefined,
  };
  state.stages.push(s);
  state.stage = s;
}

/** Called by finishStages' caller: copies the walk state into the Stage objects. */
export function stageStateToStage(s: StageState): void {
  s.stage.env = Object.fromEntries(s.envDisplay);
  s.stage.args = Object.fromEntries(s.args);
  s.stage.shell = s.shell;
}

function copyInstruction(
  base: Omit<
    CopyInstruction,
    | 'keyword'
    | 'sources'
    | 'destination'
    | 'from'
    | 'fromRaw'
    | 'chown'
    | 'chmod'
    | 'link'
    | 'remoteSources'
    | 'archiveSources'
  >,
  keyword: 'COPY' | 'ADD',
  argsAfterFlags: string,
  json: string[] | null,
  flagValue: (name: string) => string | null | undefined,
  flags: Instruction['flags'],
  state: WalkState,
  escape: string,
  lookup: Lookup,
  raw: RawInstruction,
  lines: LineTable,
  errors: SyntaxErr[],
): CopyInstruction {
  let words: { raw: string; value: string }[];
  if (json)
    words = json.map((w) => ({
      raw: w,
      value: processWord(w, escape, lookup, { removeQuotes: false }).value,
    }));
  else words = splitWords(argsAfterFlags, escape, lookup).map((w) => ({ raw: w.raw, value: w.result.value }));
  if (words.length < 2 && raw.heredocs.length === 0 && argsAfterFlags !== '') {
    errors.push(
      at(
        raw.keywordSpan,
        lines,
        `${keyword} needs at least one source and a destination: \`${keyword} src dest\`.`,
      ),
    );
  }
  const destination = words.length > 0 ? words[words.length - 1].value : '';
  const sourceWords = words.slice(0, -1);
  const sources = sourceWords.map((w) => w.value);
  const fromRaw = flagValue('from') ?? null;
  let from: CopyInstruction['from'] = null;
  if (fromRaw !== null) {
    const value = processWord(fromRaw, escape, lookup).value;
    const lower = value.toLowerCase();
    const current = state.stage?.stage.index ?? 0;
    const byName = state.stages.find((s) => s.stage.name !== null && s.stage.name.toLowerCase() === lower);
    // BuildKit also resolves names of later stages (it builds the graph first).
    const later = byName ? undefined : state.names.get(lower);
    if (byName && byName.stage.index !== current) from = { stage: byName.stage.index };
    else if (later !== undefined && later > current) from = { stage: later };
    else if (/^\d+$/.test(value) && Number(value) < current) from = { stage: Number(value) };
    else from = { image: value };
  }
  const link = flags.find((f) => f.name === 'link');
  const remoteSources =
    keyword === 'ADD'
      ? sources.filter((s) => REMOTE.test(s) || (/\.git(#.*)?$/.test(s) && /^[a-z]+:\/\//i.test(s)))
      : [];
  const archiveSources = keyword === 'ADD' ? sources.filter((s) => !REMOTE.test(s) && ARCHIVE.test(s)) : [];
  const parents = flags.find((f) => f.name === 'parents');
  return {
    ...base,
    keyword,
    sources,
    destination,
    from,
    fromRaw,
    chown: flagValue('chown') ?? null,
    chmod: flagValue('chmod') ?? null,
    link: link ? link.value === null || link.value === 'true' : false,
    remoteSources,
    archiveSources,
    excludes: flags.filter((f) => f.name === 'exclude' && f.value !== null).map((f) => f.value as string),
    parents: parents ? parents.value === null || parents.value === 'true' : false,
    checksum: flagValue('checksum') ?? null,
    sourcesRaw: sourceWords.map((w) => w.raw),
  };
}

function otherArgs(
  keyword: string,
  text: string,
  json: string[] | null,
  escape: string,
  lookup: Lookup,
): string[] {
  if (json) return json.map((w) => processWord(w, escape, lookup, { removeQuotes: false }).value);
  switch (keyword) {
    case 'MAINTAINER':
      return text ? [text] : [];
    case 'WORKDIR':
    case 'USER':
    case 'STOPSIGNAL': {
      const v = processWord(text, escape, lookup).value;
      return v ? [v] : [];
    }
    default:
      return splitWords(text, escape, lookup).map((w) => w.result.value);
  }
}

/** Joins a WORKDIR onto the previous one (relative paths are relative to it, '/' by default). */
export function joinPath(previous: string | null, path: string): string {
  const combined = path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) ? path : `${previous ?? '/'}/${path}`;
  return /^[A-Za-z]:/.test(combined) ? combined : normalizePath(combined);
}

/** The value as written, without its quotes and escapes; `${A:-b}` stays `${A:-b}` (not `b`). */
function unquote(value: string, escape: string): string {
  return processWord(value, escape, () => undefined, { keepVariables: true }).value;
}

/** A JSON array of strings, or null. */
function parseJsonForm(text: string): string[] | null {
  const t = text.trim();
  if (!t.startsWith('[') || !t.endsWith(']')) return null;
  try {
    const parsed: unknown = JSON.parse(t);
    if (Array.isArray(parsed) && parsed.every((x) => typeof x === 'string')) return parsed as string[];
  } catch {
    return null;
  }
  return null;
}

function looksLikeJson(text: string): boolean {
  const t = text.trim();
  return t.startsWith('[') && t.endsWith(']') && /["']/.test(t);
}

function suggestKeyword(word: string): string | null {
  let best: string | null = null;
  let bestDistance = word.length <= 4 ? 2 : 3; // one edit for short words, two for longer ones
  for (const k of KNOWN_KEYWORDS) {
    const d = distance(word, k);
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  return best;
}

function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2 || a.length > 20) return 99;
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length];
}

// ---------------------------------------------------------------------------------------------
// Shell scripts

function shellFlags(shell: string[]): { errexit: boolean; pipefail: boolean } {
  let errexit = false;
  let pipefail = false;
  for (let i = 1; i < shell.length; i++) {
    const a = shell[i];
    if (/^-[a-z]*$/.test(a) && a.includes('e') && a !== '-c') errexit = true;
    if (/^-[a-z]*o$/.test(a) && shell[i + 1] === 'pipefail') pipefail = true;
    if (/^-[a-z]*o$/.test(a) && shell[i + 1] === 'errexit') errexit = true;
  }
  return { errexit, pipefail };
}

function skippedFor(shell: string[]): ShellScript['skipped'] {
  const exe = shell[0] ?? '';
  if (POWERSHELL.test(exe)) return 'powershell';
  if (CMD_EXE.test(exe)) return 'cmd';
  return null;
}

function effectContext(lookup: Lookup, state: WalkState) {
  const display = state.stage?.envDisplay;
  return {
    lookup,
    lookupText: (name: string) => {
      const v = lookup(name);
      return typeof v === 'string' ? v : display?.get(name);
    },
    parseNested: (source: string) => parseShell(source, { lookup }),
  };
}

interface ShellOptions {
  /** Derive effects (RUN) or not (CMD / ENTRYPOINT). */
  effects: boolean;
  /** Maps an offset of the parsed source to the original text (for ShellCommand.span). */
  mapOffset?: (offset: number) => number | null;
  /** Adjusts the parsed script before effects are derived (heredoc bodies). */
  prepare?: (script: ShellScript) => void;
}

function safeShell(
  source: string,
  state: WalkState,
  lookup: Lookup,
  options: ShellOptions,
  lines?: LineTable,
): ShellScript {
  const shell = state.stage?.shell ?? ['/bin/sh', '-c'];
  const skipped = skippedFor(shell);
  if (skipped) return { ...emptyScript(source), skipped, parser: 'none' };
  try {
    const script = parseShell(source, { lookup, ...shellFlags(shell) });
    script.parser = shellParserReady() ? 'tree-sitter' : 'fallback';
    options.prepare?.(script);
    if (options.mapOffset && lines) {
      for (const cmd of script.commands) {
        const start = options.mapOffset(cmd.start);
        const end = cmd.end > cmd.start ? options.mapOffset(cmd.end - 1) : start;
        cmd.span =
          start !== null && end !== null ? lines.span(start, end + (cmd.end > cmd.start ? 1 : 0)) : null;
      }
      for (const error of script.errors) {
        const at = options.mapOffset(Math.min(error.offset, Math.max(0, source.length - 1)));
        error.span = at !== null ? lines.span(at, at + 1) : null;
      }
    }
    if (options.effects) script.effects = deriveEffects(script, effectContext(lookup, state));
    return script;
  } catch (error) {
    return {
      ...emptyScript(source),
      errors: [{ offset: 0, message: `Shell parsing failed: ${String(error)}` }],
    };
  }
}

/**
 * Heredoc markers become same-length input redirects (`<<EOF` → `< EOF`) for tree-sitter, whose
 * bash grammar cannot read two heredocs on one line; the bodies (already read) are then attached
 * to the innermost command around each marker.
 */
function maskHeredocMarkers(text: string, markers: HeredocMarker[], shift: number): string {
  let out = text;
  for (const m of markers) {
    const at = m.start - shift;
    if (at < 0 || at + 2 > out.length) continue;
    const dash = out[at + 2] === '-' ? 1 : 0;
    out = `${out.slice(0, at)}<${' '.repeat(1 + dash)}${out.slice(at + 2 + dash)}`;
  }
  return out;
}

function attachHeredocs(
  script: ShellScript,
  markers: HeredocMarker[],
  heredocs: Instruction['heredocs'],
  shift: number,
  original: string,
): void {
  script.source = original;
  markers.forEach((m, k) => {
    const at = m.start - shift;
    let owner: ShellScript['commands'][number] | null = null;
    for (const cmd of script.commands) {
      if (cmd.start <= at && at < cmd.end && (!owner || cmd.end - cmd.start <= owner.end - owner.start))
        owner = cmd;
    }
    if (!owner) {
      // The marker follows its command (tree-sitter may hang the redirect on an enclosing list).
      for (const cmd of script.commands)
        if (cmd.start <= at && (!owner || cmd.start >= owner.start)) owner = cmd;
    }
    if (!owner) owner = script.commands.find((c) => c.start >= at) ?? null;
    if (!owner) return;
    owner.heredocs.push(heredocs[k]?.content ?? '');
    const redirect = owner.redirects.find((r) => r.op === '<' && r.target === m.name);
    if (redirect) redirect.op = m.stripTabs ? '<<-' : '<<';
    else owner.redirects.push({ op: m.stripTabs ? '<<-' : '<<', target: m.name });
    owner.text = original.slice(owner.start, owner.end);
  });
}

function runScript(
  run: RunInstruction,
  raw: RawInstruction,
  state: WalkState,
  lookup: Lookup,
  lines: LineTable,
): ShellScript {
  const text = run.argsAfterFlags;
  if (run.form === 'json' && run.json) {
    const argv = run.json;
    const exe = argv[0] ?? '';
    const c = argv.findIndex((a, i) => i > 0 && /^-[a-z]*c$/.test(a)); // -c, -ec, -xc
    if (POSIX_SHELLS.test(exe) && c > 0 && c + 1 < argv.length) {
      const flags = shellFlags(argv.slice(0, c + 1));
      const script = safeShell(
        argv[c + 1],
        { ...state, stage: state.stage ? { ...state.stage, shell: argv.slice(0, c + 1) } : null },
        lookup,
        { effects: true },
      );
      script.errexit ||= flags.errexit;
      script.pipefail ||= flags.pipefail;
      return script;
    }
    const script: ShellScript = { ...emptyScript(text), skipped: 'json-form-non-shell', parser: 'none' };
    if (argv.length > 0) {
      script.commands.push({
        name: exe,
        args: argv.slice(1),
        text,
        start: 0,
        end: text.length,
        connector: null,
        env: {},
        nested: false,
        redirects: [],
        heredocs: [],
      });
    }
    try {
      script.effects = deriveEffects(script, effectContext(lookup, state));
    } catch {
      script.effects = [];
    }
    return script;
  }
  const shift = raw.args.length - text.length;
  const mapLine = (offset: number) => toOriginal(raw.logical, raw.argsAt + shift + offset);
  if (raw.heredocMarkers.length > 0) {
    const words = rawWords(text, '\\');
    const startsWithHeredoc = words.length >= 1 && /^<<-?["'\\]?[A-Za-z0-9_.-]+["']?$/.test(words[0].raw);
    const rest = words.slice(1).map((w) => w.raw);
    // `RUN <<EOF` and `RUN <<EOF bash -e`: the body is the script (of the named shell).
    const shellAfter =
      startsWithHeredoc &&
      rest.length > 0 &&
      POSIX_SHELLS.test(rest[0]) &&
      rest.slice(1).every((a) => /^-[a-z]+$/.test(a));
    if (startsWithHeredoc && (rest.length === 0 || shellAfter)) {
      const heredoc = raw.heredocs[0];
      const body = heredoc?.content ?? '';
      const shebang = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(body);
      if (!shellAfter && shebang) {
        const interpreter = /\/env$/.test(shebang[1]) ? (shebang[2] ?? '') : shebang[1];
        if (!POSIX_SHELLS.test(interpreter)) {
          return { ...emptyScript(body), skipped: 'json-form-non-shell', parser: 'none' };
        }
      }
      const bodyStart = heredoc ? heredoc.span.start : null;
      const script = safeShell(
        body,
        state,
        lookup,
        {
          effects: true,
          // Offsets map straight onto the body unless tabs were stripped.
          mapOffset: bodyStart !== null && !heredoc?.stripTabs ? (o) => bodyStart + o : undefined,
        },
        lines,
      );
      if (shellAfter) {
        const flags = shellFlags(rest);
        script.errexit ||= flags.errexit;
        script.pipefail ||= flags.pipefail;
      }
      return script;
    }
    const markers = raw.heredocMarkers;
    const masked = maskHeredocMarkers(text, markers, shift);
    return safeShell(
      masked,
      state,
      lookup,
      {
        effects: true,
        mapOffset: mapLine,
        prepare: (script) => attachHeredocs(script, markers, raw.heredocs, shift, text),
      },
      lines,
    );
  }
  return safeShell(text, state, lookup, { effects: true, mapOffset: mapLine }, lines);
}

// ---------------------------------------------------------------------------------------------
// Comments

function commentsAbove(lines: LineTable, firstLine: number, previousLastLine: number): string[] {
  const out: string[] = [];
  for (let l = firstLine - 1; l > previousLastLine; l--) {
    const t = lines.line(l).trim();
    if (!t.startsWith('#')) break;
    out.push(t.slice(1).trim());
  }
  return out.reverse();
}

const GLOBAL_IGNORE = /^#\s*(hadolint|playground)\s+global\s+ignore\s*=\s*(.+)$/i;

function readComments(
  lines: LineTable,
  raws: RawInstruction[],
): { comments: { line: number; text: string }[]; globalIgnores: string[] } {
  const comments: { line: number; text: string }[] = [];
  const globalIgnores: string[] = [];
  let r = 0;
  for (let l = 0; l < lines.count; l++) {
    while (r < raws.length && raws[r].lastLine < l) r++;
    if (r < raws.length && raws[r].firstLine <= l && l <= raws[r].lastLine) {
      l = raws[r].lastLine;
      continue;
    }
    const t = lines.line(l).trim();
    if (!t.startsWith('#')) continue;
    comments.push({ line: l + 1, text: t.slice(1).trim() });
    const m = GLOBAL_IGNORE.exec(t);
    if (m) {
      for (const id of m[2].split(/[,\s]+/)) if (id && !globalIgnores.includes(id)) globalIgnores.push(id);
    }
  }
  return { comments, globalIgnores };
}

export type { StageState };
