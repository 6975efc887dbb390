// The stage graph: which stages each stage needs (FROM an earlier stage, COPY --from, RUN
// --mount=from=...), which one is final, which ones the final stage reaches, and stage spans.
import type { DockerfileModel, Stage } from '../model';

/** Resolves a stage reference (name, case-insensitive, or index) among the stages; null if none. */
export function findStage(stages: Stage[], ref: string, before = Infinity): Stage | null {
  const lower = ref.toLowerCase();
  const byName = stages.find((s) => s.name !== null && s.name.toLowerCase() === lower && s.index < before);
  if (byName) return byName;
  if (/^\d+$/.test(ref)) {
    const i = Number(ref);
    if (i < stages.length && i < before) return stages[i];
  }
  return null;
}

export function finishStages(model: DockerfileModel): void {
  const { stages } = model;
  for (const stage of stages) {
    const deps = new Set(stage.dependsOn);
    for (const instruction of stage.instructions) {
      if ((instruction.keyword === 'COPY' || instruction.keyword === 'ADD') && 'from' in instruction) {
        const from = instruction.from;
        if (from && 'stage' in from) deps.add(from.stage);
      }
      if (instruction.keyword === 'RUN' && 'mounts' in instruction) {
        for (const mount of instruction.mounts) {
          if (!mount.from) continue;
          const dep = findStage(stages, mount.from);
          if (dep && dep.index !== stage.index) deps.add(dep.index);
        }
      }
    }
    deps.delete(stage.index);
    stage.dependsOn = [...deps].sort((a, b) => a - b);
    const last = stage.instructions[stage.instructions.length - 1] ?? stage.from;
    stage.span = {
      line: stage.from.span.line,
      endLine: last.span.endLine,
      start: stage.from.span.start,
      end: last.span.end,
    };
    stage.final = false;
    stage.reachable = false;
  }
  if (stages.length === 0) return;
  const final = stages[stages.length - 1];
  final.final = true;
  const queue = [final.index];
  final.reachable = true;
  while (queue.length > 0) {
    const index = queue.pop() as number;
    for (const dep of stages[index].dependsOn) {
      const s = stages[dep];
      if (s && !s.reachable) {
        s.reachable = true;
        queue.push(dep);
      }
    }
  }
}
