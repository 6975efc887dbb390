// Stages: the final one, those that ship, labels and root images.
import type { DockerfileModel, Stage } from '../../model';
import { finalStage } from '../../primitives/stages';

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
