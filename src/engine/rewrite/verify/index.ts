// The verifier: every candidate rewrite step, and the final rewrite, is replayed through the
// parser's model (stages, instructions, shell commands and their effects) and checked against
// the invariants (types.ts). A step is blamed only for the problems it introduces: the problems
// of the text after it minus those of the text before it. The relational invariants (runtime,
// files the original creates) compare with the user's Dockerfile.
import type { DockerfileModel } from '../../model';
import type { PromiseKey } from '../../promises';
import { binaryProblems } from './binary';
import { dialectProblems } from './dialect';
import { parentStageProblems } from './parent-stage';
import { createdFileProblems, pathProblems } from './paths';
import { runtimeProblems } from './runtime';
import { introduced, type Problem } from './types';

export type { Invariant, Problem, Repair } from './types';
export { INVARIANTS } from './types';
export { verifyDockerignore } from './dockerignore';

const memo = new WeakMap<DockerfileModel, Problem[]>();

/** Problems of one Dockerfile on its own (paths, parent stages, dialect, binaries). */
export function problemsOf(model: DockerfileModel): Problem[] {
  const cached = memo.get(model);
  if (cached) return cached;
  let out: Problem[] = [];
  try {
    out = [
      ...pathProblems(model),
      ...parentStageProblems(model),
      ...dialectProblems(model),
      ...binaryProblems(model),
    ];
  } catch {
    out = []; // a verifier bug must not break the rewrite: it then checks nothing new
  }
  memo.set(model, out);
  return out;
}

/** Relational problems by user's Dockerfile, then text, then allowed changes. */
const relationalMemo = new WeakMap<DockerfileModel, WeakMap<DockerfileModel, Map<string, Problem[]>>>();

/**
 * Problems of a text measured against the user's Dockerfile (runtime, created files). Memoised:
 * the text after one step is the text before the next, and the final rewrite is the last step's.
 */
function relational(
  original: DockerfileModel,
  model: DockerfileModel,
  allow: ReadonlySet<PromiseKey>,
): Problem[] {
  if (model === original) return [];
  let byModel = relationalMemo.get(original);
  if (!byModel) relationalMemo.set(original, (byModel = new WeakMap()));
  let byAllow = byModel.get(model);
  if (!byAllow) byModel.set(model, (byAllow = new Map()));
  const key = [...allow].sort().join(',');
  let out = byAllow.get(key);
  if (out) return out;
  try {
    out = [...runtimeProblems(original, model, allow), ...createdFileProblems(original, model)];
  } catch {
    out = [];
  }
  byAllow.set(key, out);
  return out;
}

/** What `after` breaks that `before` kept; `original` is the user's Dockerfile. */
export function verifyStep(
  before: DockerfileModel,
  after: DockerfileModel,
  original: DockerfileModel,
  allow: ReadonlySet<PromiseKey> = new Set(),
): Problem[] {
  return introduced(
    [...problemsOf(before), ...relational(original, before, allow)],
    [...problemsOf(after), ...relational(original, after, allow)],
  );
}

/** One sentence for a withheld step, from its problems. */
export function withheldReason(problems: readonly Problem[]): string {
  const first = problems[0]?.message ?? 'It could not be shown safe.';
  const more =
    problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
  return `Not applied: ${first}${more}`;
}
