// TEMPORARY stub: replaced by the rewriter (issue 5).
import type { DockerfileModel } from '../model';
import type { ResolvedOptions } from '../options';
import type { Estimate, Rewrite } from '../types';
import type { RuleOutcome } from '../rules/run';
export function rewriteDockerfile(model: DockerfileModel, _outcomes: RuleOutcome[], _opts: ResolvedOptions, estimate: Estimate): Rewrite {
  return { dockerfile: model.text, dockerignore: null, estimate, steps: [] };
}
