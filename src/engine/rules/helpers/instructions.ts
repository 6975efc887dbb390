// Instructions and their RUN effects: type guards, installs, cache mounts, stage ENV.
import type {
  CopyInstruction,
  DockerfileModel,
  Effect,
  FromInstruction,
  Instruction,
  PackageManager,
  RunInstruction,
  ShellCommand,
  Stage,
} from '../../model';

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

/** A script's effects grouped by kind, once per script: every rule asks for some kind of every RUN. */
const effectsByKind = new WeakMap<readonly Effect[], Map<Effect['kind'], Effect[]>>();
const NO_EFFECTS: readonly Effect[] = Object.freeze([]);

/** The RUN's effects of one kind, in order (a shared list: read it, never change it). */
export function effects<K extends Effect['kind']>(
  run: RunInstruction,
  kind: K,
): readonly Extract<Effect, { kind: K }>[] {
  const list = run.shell?.effects;
  if (!list?.length) return NO_EFFECTS as readonly Extract<Effect, { kind: K }>[];
  let groups = effectsByKind.get(list);
  if (!groups) {
    groups = new Map();
    for (const e of list) {
      const group = groups.get(e.kind);
      if (group) group.push(e);
      else groups.set(e.kind, [e]);
    }
    // Scripts are shared between analyses (parse memo), and so are their groups.
    for (const group of groups.values()) Object.freeze(group);
    effectsByKind.set(list, groups);
  }
  return (groups.get(kind) ?? NO_EFFECTS) as readonly Extract<Effect, { kind: K }>[];
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
