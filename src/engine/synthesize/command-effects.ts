// What each command of a stage does, as the parser's effects say: the syntheses decide from these,
// never from a command's words (the parser is the one account of what a command does).
import type { Effect, RunInstruction, ShellCommand, Stage } from '../model';

export type EffectOf<K extends Effect['kind']> = Extract<Effect, { kind: K }>;

const byStage = new WeakMap<Stage, Map<ShellCommand, Effect[]>>();

/** The effects of each command of the stage's RUNs, by command. */
function stageEffects(stage: Stage): Map<ShellCommand, Effect[]> {
  let map = byStage.get(stage);
  if (map) return map;
  map = new Map();
  for (const ins of stage.instructions) {
    if (ins.keyword !== 'RUN' || !('shell' in ins) || !ins.shell) continue;
    const run = ins as RunInstruction;
    run.shell.commands.forEach((cmd, index) =>
      map!.set(
        cmd,
        run.shell.effects.filter((e) => e.command === index),
      ),
    );
  }
  byStage.set(stage, map);
  return map;
}

/** The effects of one command of the stage (none for a command the stage does not hold). */
export function effectsOf(stage: Stage, cmd: ShellCommand): Effect[] {
  return stageEffects(stage).get(cmd) ?? [];
}

/** The effects of one command of a RUN, by its index. */
export function effectsAt(run: RunInstruction, index: number): Effect[] {
  return run.shell.effects.filter((e) => e.command === index);
}

/** The first effect of a kind that matches. */
export function findEffect<K extends Effect['kind']>(
  effects: readonly Effect[],
  kind: K,
  test: (e: EffectOf<K>) => boolean = () => true,
): EffectOf<K> | undefined {
  return effects.find((e): e is EffectOf<K> => e.kind === kind && test(e as EffectOf<K>));
}
