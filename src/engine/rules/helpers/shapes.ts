// Rule shapes in the manner of hadolint's (a check per instruction, per stage, per RUN, per shell
// command, and a fold that carries state through a stage): the shape owns the loop and collects
// the reports, the rule says what one element means. A check returns a report, a list of them, or
// nothing. Shapes take the model rather than the context so that a rule can work out what it needs
// once (settings, ARG defaults) before handing the shape its per-element check.
import type { DockerfileModel, Instruction, RunInstruction, ShellCommand, Stage } from '../../model';
import type { RuleReport } from '../types';
import { runOf } from './instructions';
import { shippedStages } from './stages';

export type Reports = RuleReport | readonly (RuleReport | null)[] | null | undefined | void;

/** Which stages a shape visits: all of them, or only those whose layers ship (`shipped: true`). */
export interface StageScope {
  shipped?: boolean;
}

function collect<T>(items: Iterable<T>, check: (item: T) => Reports, out: RuleReport[] = []): RuleReport[] {
  for (const item of items) {
    const r = check(item);
    if (!r) continue;
    if (!Array.isArray(r)) out.push(r as RuleReport);
    else for (const one of r as readonly (RuleReport | null)[]) if (one) out.push(one);
  }
  return out;
}

function stagesIn(model: DockerfileModel, scope: StageScope | undefined): Stage[] {
  if (!scope?.shipped) return model.stages;
  const shipped = shippedStages(model);
  return model.stages.filter((s) => shipped.has(s.index));
}

/** Use for a check of one instruction kind, wherever it is (ONBUILD triggers are not visited). */
export function perInstruction<K extends Instruction['keyword']>(
  model: DockerfileModel,
  keywords: readonly K[],
  check: (ins: Instruction & { keyword: K }) => Reports,
): RuleReport[] {
  const wanted = new Set<string>(keywords);
  return collect(
    model.instructions.filter((ins): ins is Instruction & { keyword: K } => wanted.has(ins.keyword)),
    check,
  );
}

/** The RUNs of the file in order, each with the stage of the RUN or of the ONBUILD carrying it. */
function runsIn(model: DockerfileModel, scope: StageScope | undefined): [RunInstruction, Stage][] {
  const visited = scope?.shipped ? shippedStages(model) : null;
  const out: [RunInstruction, Stage][] = [];
  for (const ins of model.instructions) {
    const run = runOf(ins);
    if (run?.shell && (!visited || visited.has(ins.stage))) out.push([run, model.stages[ins.stage]]);
  }
  return out;
}

/** Use for a check of a stage as a whole (its FROM, its name, its ENV), in order. */
export function perStage(
  model: DockerfileModel,
  check: (stage: Stage) => Reports,
  scope?: StageScope,
): RuleReport[] {
  return collect(stagesIn(model, scope), check);
}

/**
 * Use for a check of one RUN (ONBUILD RUN triggers included, checked like RUN) with its stage, in
 * file order. Unscoped, a RUN before the first FROM is visited too, with no stage.
 */
export function perRun(
  model: DockerfileModel,
  check: (run: RunInstruction, stage: Stage) => Reports,
  scope: StageScope & { shipped: true },
): RuleReport[];
export function perRun(
  model: DockerfileModel,
  check: (run: RunInstruction, stage: Stage | undefined) => Reports,
  scope?: StageScope,
): RuleReport[];
export function perRun(
  model: DockerfileModel,
  check: (run: RunInstruction, stage: Stage) => Reports,
  scope?: StageScope,
): RuleReport[] {
  return collect(runsIn(model, scope), ([run, stage]) => check(run, stage));
}

/** Use for a check of one shell command, with its RUN and stage (the RUNs of perRun). */
export function perCommand(
  model: DockerfileModel,
  check: (cmd: ShellCommand, run: RunInstruction, stage: Stage) => Reports,
  scope: StageScope & { shipped: true },
): RuleReport[];
export function perCommand(
  model: DockerfileModel,
  check: (cmd: ShellCommand, run: RunInstruction, stage: Stage | undefined) => Reports,
  scope?: StageScope,
): RuleReport[];
export function perCommand(
  model: DockerfileModel,
  check: (cmd: ShellCommand, run: RunInstruction, stage: Stage) => Reports,
  scope?: StageScope,
): RuleReport[] {
  return collect(runsIn(model, scope), ([run, stage]) =>
    collect(run.shell.commands, (cmd) => check(cmd, run, stage)),
  );
}

/** A check that carries state through a stage's instructions (see foldStages). */
export interface Fold<S> {
  /** The state at the stage's FROM; `parent` is the final state of the stage it is built FROM. */
  start(stage: Stage, parent: S | undefined): S;
  /** One instruction (FROM included); may update `state` in place. */
  step(state: S, ins: Instruction, stage: Stage): Reports;
  /** After the stage's last instruction (e.g. to report what was still pending). */
  end?(state: S, stage: Stage): Reports;
}

/** Use when a finding depends on what came before in the stage, or in the stage it builds on. */
export function foldStages<S>(model: DockerfileModel, fold: Fold<S>, scope?: StageScope): RuleReport[] {
  const out: RuleReport[] = [];
  const finals = new Map<number, S>();
  for (const stage of stagesIn(model, scope)) {
    const state = fold.start(stage, stage.parent != null ? finals.get(stage.parent) : undefined);
    collect(stage.instructions, (ins) => fold.step(state, ins, stage), out);
    if (fold.end) collect([state], (s) => fold.end!(s, stage), out);
    finals.set(stage.index, state);
  }
  return out;
}
