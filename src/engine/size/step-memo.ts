// Incremental sizing: the ledger after each instruction, remembered by everything it depends on.
// The savings pass and the rewriter estimate many edited copies of one text, and an edit changes
// few instructions: the instructions before the first changed one give the same ledger, so their
// work is taken from the memo and only the changed instruction and those after it are sized again.
//
// Opt-in (SizeDeps.steps); the default estimate does not use it. Measured on the corpus, it costs
// more than it saves: only about a third of phase 2's steps come before the first edit (fixes
// often touch the FROM line or move every later line), and with package closures and base
// resolutions memoised a step costs about what its key and snapshots cost (docs/BENCHMARKS.md).
//
// The walk is a chain: the key of a step is the id of the state before it (the previous step's
// entry, or the root: the size model's dependencies) joined with what the step reads (its text is
// stored with the entry and compared on a hit) — for an instruction, its line and the values
// resolved from variables (see stepKey) and, for a RUN, the identity of its parsed script's
// effects (the script memo hands out one frozen object per script text and variable values, so
// the same object means the same commands); for a stage's FROM, the stage's base and the FROM
// instruction. The previous id stands for the whole state so far (every earlier stage, the current
// stage's ledger, the assumptions), so no key ever lists or sorts a package set, and a changed base
// or an earlier changed instruction changes every key after it.
//
// Every few steps (and at each stage's end) an entry keeps a snapshot of the state; a walk resumes
// from the last snapshot before its first unknown step and replays the few known steps after it.
// Snapshots are copies (the current stage's ledger is cloned when stored and when restored);
// finished stages are shared, as nothing changes a stage's ledger once the stage is done.
import type {
  CopyInstruction,
  EnvInstruction,
  Instruction,
  OtherInstruction,
  RunInstruction,
  Stage,
} from '../model';
import type { Ctx } from './context';
import type { StageState } from './ledger';
import { cloneState } from './ledger';

/** How a step of the walk is carried out (estimate.ts): start a stage, size one instruction. */
export interface StageWalker {
  begin(stage: Stage): StageState;
  apply(st: StageState, ins: Instruction): void;
}

interface Snapshot {
  /** ctx.states before the step's stage is done (the finished stages, shared). */
  finished: (StageState | undefined)[];
  /** The step's stage after the step (a copy). */
  current: StageState;
  assumptions: string[];
}

interface Entry {
  id: number;
  /** The step's instruction text, compared on a hit (kept out of the key: hashing it cost more). */
  text: string;
  snapshot: Snapshot | null;
}

interface Step {
  stage: Stage;
  /** null: the stage's start (its FROM, its base). */
  ins: Instruction | null;
  last: boolean;
}

export interface StepMemo {
  /** Sizes every stage of the model into ctx.states (and ctx.assumptions), reusing known steps. */
  walk(stages: readonly Stage[], ctx: Ctx, walker: StageWalker): void;
  stats(): { hits: number; misses: number; replayed: number; size: number };
  clear(): void;
}

export interface StepMemoOptions {
  /** Entries kept (the oldest forgotten first). */
  limit?: number;
  /** A snapshot every this many steps (and at every stage end). */
  every?: number;
  /** The chain key from the state before and the step's own key (tests replace it). */
  chain?: (previous: string, step: string) => string;
}

export function createStepMemo(options: StepMemoOptions = {}): StepMemo {
  const limit = options.limit ?? 6000;
  const every = options.every ?? 4;
  const chain = options.chain ?? ((previous: string, step: string) => `${previous}\u0002${step}`);
  const entries = new Map<string, Entry>();
  const stats = { hits: 0, misses: 0, replayed: 0 };
  let nextId = 1;

  function walk(stages: readonly Stage[], ctx: Ctx, walker: StageWalker): void {
    const steps: Step[] = [];
    for (const stage of stages) {
      const body = stage.instructions.filter((ins) => ins.keyword !== 'FROM');
      steps.push({ stage, ins: null, last: body.length === 0 });
      body.forEach((ins, k) => steps.push({ stage, ins, last: k === body.length - 1 }));
    }
    // The known prefix: follow the chain while the memo knows each step.
    const context = JSON.stringify(ctx.opts.context);
    let previous = rootKey(ctx);
    const known: Entry[] = [];
    let key = '';
    for (const step of steps) {
      key = chain(previous, stepKey(step, context));
      const entry = entries.get(key);
      if (!entry || entry.text !== textOf(step)) break;
      known.push(entry);
      previous = String(entry.id);
    }
    stats.hits += known.length;
    // Resume from the last snapshot in the known prefix, replaying the known steps after it.
    let from = known.length - 1;
    while (from >= 0 && !known[from].snapshot) from--;
    let st: StageState | null = null;
    if (from >= 0) {
      const snap = known[from].snapshot!;
      ctx.states = snap.finished.slice();
      ctx.assumptions = new Set(snap.assumptions);
      st = cloneState(snap.current, snap.current.index);
      // The step may have ended its stage in the text that stored it but not in this one.
      if (steps[from].last) ctx.states[st.index] = st;
    }
    for (let i = from + 1; i < steps.length; i++) {
      const step = steps[i];
      if (step.ins === null) st = walker.begin(step.stage);
      else walker.apply(st!, step.ins);
      if (i < known.length) {
        stats.replayed++;
      } else {
        stats.misses++;
        if (i > known.length) key = chain(previous, stepKey(step, context));
        // Taken before the stage is marked finished: another text may go on with the stage.
        const snapshot =
          step.last || i % every === every - 1 || i === steps.length - 1
            ? {
                finished: ctx.states.slice(),
                current: cloneState(st!, st!.index),
                assumptions: [...ctx.assumptions],
              }
            : null;
        const entry: Entry = { id: nextId++, text: textOf(step), snapshot };
        entries.set(key, entry);
        if (entries.size > limit) entries.delete(entries.keys().next().value as string);
        previous = String(entry.id);
      }
      if (step.last) ctx.states[step.stage.index] = st!;
    }
  }

  return {
    walk,
    stats: () => ({ ...stats, size: entries.size }),
    clear() {
      entries.clear();
      stats.hits = stats.misses = stats.replayed = 0;
    },
  };
}

/** What every step depends on: the size model's dependencies (their identity). */
function rootKey(ctx: Ctx): string {
  return `${tokenOf(ctx.deps)}|${tokenOf(ctx.deps.bases)}|${tokenOf(ctx.deps.packages)}`;
}

/**
 * What one step reads. The instruction's place (its text is compared on a hit, see textOf), and
 * the values the size model reads that the text alone does not fix (variables resolved, the stage
 * a COPY --from names, the build-context options for COPY and ADD); for a RUN, the identity of its
 * parsed script's effects (see the head of this file). A stage's start: its FROM (place, image as
 * resolved) and its base. Every field the size model reads from an
 * instruction or a stage is here: a field read and not keyed would let a stale ledger through
 * (tests/unit/size/step-memo.test.ts edits texts at random to catch it).
 */
function stepKey(step: Step, context: string): string {
  if (step.ins === null) {
    const { stage } = step;
    const from = stage.from;
    return `F${stage.index}|${from.span.line}|${from.resolvedImage}|${JSON.stringify(stage.base)}`;
  }
  const ins = step.ins as Instruction &
    Partial<Omit<CopyInstruction & EnvInstruction & OtherInstruction, 'keyword'>> &
    Partial<Pick<RunInstruction, 'mounts' | 'shell'>>;
  const resolved = JSON.stringify([
    ins.args,
    ins.sources,
    ins.destination,
    ins.from,
    ins.fromRaw,
    ins.remoteSources,
    ins.pairs,
    ins.mounts,
  ]);
  const script = ins.keyword === 'RUN' && ins.shell ? tokenOf(ins.shell.effects) : 0;
  // Only COPY and ADD read the build-context options: a walk with other options (the rewriter
  // assumes a .dockerignore) shares every step before the first of them.
  const copies = ins.keyword === 'COPY' || ins.keyword === 'ADD' ? context : '';
  return `${ins.span.line}|${ins.span.start}|${ins.raw.length}|${script}|${copies}|${resolved}`;
}

/** The step's text: part of what it reads, compared on a hit rather than hashed into the key. */
function textOf(step: Step): string {
  return (step.ins ?? step.stage.from).raw;
}

/** A number per object, never reused: the same number means the very same object. */
const tokens = new WeakMap<object, number>();
let nextToken = 1;
function tokenOf(value: object): number {
  let token = tokens.get(value);
  if (token === undefined) tokens.set(value, (token = nextToken++));
  return token;
}
