// Rule shapes in the manner of hadolint's (a check per instruction, per stage, per RUN, per shell
// command): the shape owns the loop and collects the reports, the rule says what one element means.
// A check returns a report, a list of them, or nothing.
import type { DockerfileModel, Instruction, RunInstruction, ShellCommand, Stage } from '../model';
import type { RuleReport } from './types';
import { allRuns } from './util';

export type Reports = RuleReport | readonly RuleReport[] | null | undefined | void;

function collect<T>(items: Iterable<T>, check: (item: T) => Reports): RuleReport[] {
  const out: RuleReport[] = [];
  for (const item of items) {
    const r = check(item);
    if (!r) continue;
    if (Array.isArray(r)) out.push(...(r as readonly RuleReport[]));
    else out.push(r as RuleReport);
  }
  return out;
}

/** Each top-level instruction whose keyword is one of `keywords` (ONBUILD triggers are not). */
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

/** Each stage, in order (the FROM-less implicit stage included). */
export function perStage(model: DockerfileModel, check: (stage: Stage) => Reports): RuleReport[] {
  return collect(model.stages, check);
}

/** Each RUN with a parsed shell script, ONBUILD RUN triggers included (checked like RUN). */
export function perRun(model: DockerfileModel, check: (run: RunInstruction) => Reports): RuleReport[] {
  return collect(
    allRuns(model).filter((run) => !!run.shell),
    check,
  );
}

/** Each shell command of each RUN (as perRun), with its RUN. */
export function perCommand(
  model: DockerfileModel,
  check: (cmd: ShellCommand, run: RunInstruction) => Reports,
): RuleReport[] {
  return perRun(model, (run) => collect(run.shell.commands, (cmd) => check(cmd, run)));
}
