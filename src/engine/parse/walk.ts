// The state of the walk over the instructions in order: the raw reading of each instruction, the
// global and per-stage variables, and the stages started so far.
import type { Instruction as AstInstruction } from 'dockerfile-ast';
import type { DockerfileModel, FromInstruction, Instruction, Span, Stage } from '../model';
import type { LineTable, LogicalText } from './text';
import type { HeredocMarker } from './heredocs';
import { rawWords } from './variables';
import type { Lookup, VarValue } from './variables';
import { isScratch } from './images';

/** Build arguments Docker defines automatically in the global scope (linux/amd64 assumed). */
export const AUTOMATIC_ARGS: Record<string, string> = {
  TARGETPLATFORM: 'linux/amd64',
  TARGETOS: 'linux',
  TARGETARCH: 'amd64',
  TARGETVARIANT: '',
  BUILDPLATFORM: 'linux/amd64',
  BUILDOS: 'linux',
  BUILDARCH: 'amd64',
  BUILDVARIANT: '',
};

export type SyntaxErr = DockerfileModel['syntaxErrors'][number];

/** The syntactic reading of one instruction, before its meaning is worked out. */
export interface RawInstruction {
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
export interface WalkState {
  global: Map<string, string | null>;
  stage: StageState | null;
  stages: StageState[];
  /** Stage names of the whole file (lower-cased) → index, for references to later stages. */
  names: Map<string, number>;
  /** Reads the global ARGs (made once: a reader is made for every instruction). */
  globalLookup: Lookup;
  /** StateReader.copySource for this walk. */
  copySource: StateReader['copySource'];
}

/** The state before the first instruction. */
export function startWalk(raws: RawInstruction[], escape: string): WalkState {
  const global = new Map<string, string | null>(Object.entries(AUTOMATIC_ARGS));
  const state: WalkState = {
    global,
    stage: null,
    stages: [],
    names: stageNames(raws, escape),
    globalLookup: (name) => global.get(name),
    copySource: (value) => copySource(state, value),
  };
  return state;
}

export interface StageState {
  stage: Stage;
  env: Map<string, string | null>;
  envDisplay: Map<string, string>;
  args: Map<string, string | null>;
  shell: string[];
  lookup: Lookup;
  /** StateReader.envText for this stage. */
  envText: (name: string) => string | undefined;
}

/** Names of all stages (`FROM image AS name`), lower-cased, with their index. */
export function stageNames(raws: RawInstruction[], escape: string): Map<string, number> {
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

/**
 * What an instruction that changes no state (RUN, COPY, CMD, LABEL, ...) reads of the walk's state.
 * Those instructions read it only through here, so the instruction memo can record every read.
 */
export interface StateReader {
  /** The current stage's index; -1 before the first FROM. */
  readonly stage: number;
  /** The current stage's SHELL. */
  readonly shell: string[];
  /** A variable's value: the stage's ENV and ARG, or the global ARGs before the first FROM. */
  lookup: Lookup;
  /** An ENV variable's value as written (kept when it has unresolved parts). */
  envText: (name: string) => string | undefined;
  /** What `COPY --from=<value>` names: a stage (by name, earlier or later, or by index) or an image. */
  copySource: (value: string) => { stage: number } | { image: string };
}

export const DEFAULT_SHELL: readonly string[] = Object.freeze(['/bin/sh', '-c']);

const NO_ENV = (): undefined => undefined;

/** The reader of the walk's state as it is now. */
export function stateReader(state: WalkState): StateReader {
  const s = state.stage;
  if (!s) {
    const shell = DEFAULT_SHELL as string[];
    return { stage: -1, shell, lookup: state.globalLookup, envText: NO_ENV, copySource: state.copySource };
  }
  return {
    stage: s.stage.index,
    shell: s.shell,
    lookup: s.lookup,
    envText: s.envText,
    copySource: state.copySource,
  };
}

/** BuildKit resolves `--from` names of later stages too (it builds the graph first). */
function copySource(state: WalkState, value: string): { stage: number } | { image: string } {
  const lower = value.toLowerCase();
  const current = state.stage?.stage.index ?? 0;
  const byName = state.stages.find((s) => s.stage.name !== null && s.stage.name.toLowerCase() === lower);
  const later = byName ? undefined : state.names.get(lower);
  if (byName && byName.stage.index !== current) return { stage: byName.stage.index };
  if (later !== undefined && later > current) return { stage: later };
  if (/^\d+$/.test(value) && Number(value) < current) return { stage: Number(value) };
  return { image: value };
}

export function at(span: Span, lines: LineTable, message: string): SyntaxErr {
  return { line: span.line, column: lines.column(span.start), message };
}

/**
 * The stage of a snippet that has no FROM: a synthetic, zero-length FROM (not in the instruction
 * list) at the first instruction, no base image. Rules lint it; the size model says "no base image".
 */
export function startImplicitStage(raw: RawInstruction, lines: LineTable, state: WalkState): void {
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

export function startStage(from: FromInstruction, state: WalkState): void {
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
    envText: (name) => envDisplay.get(name),
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
