// Light views of the model for the Analysis (stages, instructions): plain data, no methods.
import type { DockerfileModel } from './model';
import type { InstructionSummary, StageSummary } from './types';
import { describeStageBase } from './size';

export function summarizeStages(model: DockerfileModel): StageSummary[] {
  return model.stages.map((stage) => {
    const base = describeStageBase(model, stage);
    return {
      index: stage.index,
      name: stage.name,
      base: stage.from.resolvedImage ?? stage.from.image,
      resolvedBase: base.resolvedBase,
      known: base.known,
      ...(base.approximate ? { approximate: true as const, catalogTag: base.catalogTag } : {}),
      final: stage.final,
      startLine: stage.span.line,
      endLine: stage.span.endLine,
    };
  });
}

export function summarizeInstructions(model: DockerfileModel): InstructionSummary[] {
  return model.instructions.map((i) => ({
    line: i.span.line,
    endLine: i.span.endLine,
    keyword: i.keyword,
    stage: i.stage,
  }));
}
