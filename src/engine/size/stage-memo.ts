// Finished stages kept for one analysis's re-estimates. Phase 2 estimates many edited copies of
// the user's text (each finding's fix, each rewrite step), and an edit leaves every stage that ends
// before it as it was: those stages are taken from here instead of being sized again.
//
// What a stage's size depends on: the text up to the end of its last instruction (the global ARGs,
// the directives, its own instructions and the stages before it, which it may build FROM or copy
// from), the names of all stages (a COPY --from may name a later one, which changes its meaning),
// the options and the size tables. A memo serves one analysis under one set of options with the
// default tables, so the key is the names and the text prefix. A stage's state is never changed
// after its stage ends (later stages clone it or read it), so it is shared as it is.
import type { DockerfileModel, Stage } from '../model';
import type { StageState } from './ledger';

export interface StageRecord {
  state: StageState;
  /** The assumptions this stage added, in the order it added them. */
  assumptions: string[];
}

export interface StageMemo {
  get(key: string): StageRecord | undefined;
  set(key: string, record: StageRecord): void;
  /** Stages taken from the memo, and stages sized and remembered. */
  readonly counts: { hits: number; misses: number };
}

/** One memo per analysis and options: never shared between analyses. */
export function createStageMemo(): StageMemo {
  const records = new Map<string, StageRecord>();
  const counts = { hits: 0, misses: 0 };
  return {
    get(key) {
      const found = records.get(key);
      if (found) counts.hits++;
      return found;
    },
    set(key, record) {
      counts.misses++;
      records.set(key, record);
    },
    counts,
  };
}

/** The stage names of a model, worked out once per model. */
const namesOf = new WeakMap<DockerfileModel, string>();

/** What the stage's size depends on besides the options and tables (see above). */
export function stageKey(model: DockerfileModel, stage: Stage): string {
  let names = namesOf.get(model);
  if (names === undefined) {
    names = model.stages.map((s) => s.name ?? '').join('\n');
    namesOf.set(model, names);
  }
  return `${names}\u0000${model.text.slice(0, stage.span.end)}`;
}
