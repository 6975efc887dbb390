// Stage queries every layer asks: which stage is the image, and which stages ship with it.
import type { DockerfileModel, Instruction, Stage } from '../model';

/** The stage that becomes the image: the one marked final, else the last; null without stages. */
export function finalStage(model: Pick<DockerfileModel, 'stages'>): Stage | null {
  return model.stages.find((s) => s.final) ?? model.stages[model.stages.length - 1] ?? null;
}

/** The stage's last instruction of a keyword (CMD, USER...), or null. */
export function lastOf(stage: Stage, keyword: string): Instruction | null {
  let out: Instruction | null = null;
  for (const i of stage.instructions) if (i.keyword === keyword) out = i;
  return out;
}
