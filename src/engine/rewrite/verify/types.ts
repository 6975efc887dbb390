// The verifier's vocabulary: the invariants a rewrite step must keep, and the problems found when
// one does not hold. A problem's key names what is wrong without positions (stage name, command,
// path), so the problems of the text before a step and after it can be compared: a step is only
// blamed for problems it introduces, never for ones the user's Dockerfile already had.
import type { TextEdit } from '../../rules/types';

export type Invariant =
  /** Every path a later instruction reads still exists where it is read. */
  | 'paths'
  /** A stage built FROM another stage still finds package indexes, users, tools and files. */
  | 'parent-stage'
  /** The base provides every command the stage runs, in the same dialect. */
  | 'dialect'
  /** A binary moved to another base still runs there (libc, C++ runtime, static linking). */
  | 'binary'
  /** The program receives the same dependencies, tools, variables, user, folder and ports. */
  | 'runtime'
  /** The suggested .dockerignore never excludes a path the build needs. */
  | 'dockerignore'
  /** The rewritten text parses and its estimate does not grow. */
  | 'syntax';

export const INVARIANTS: readonly Invariant[] = [
  'paths',
  'parent-stage',
  'dialect',
  'binary',
  'runtime',
  'dockerignore',
  'syntax',
];

/** A certain repair: edits on the text after the step, and/or a caveat the step must carry. */
export interface Repair {
  /** What the verifier changed, in words (shown as the step's `repairs`). */
  note: string;
  edits?: TextEdit[];
  caveat?: string;
}

export interface Problem {
  invariant: Invariant;
  /** Identity without positions, for before/after comparison. */
  key: string;
  /** In words a user understands: what would break and why. */
  message: string;
  repair?: Repair | null;
}

/** Problems of `after` that `before` did not have. */
export function introduced(before: readonly Problem[], after: readonly Problem[]): Problem[] {
  const known = new Set(before.map((p) => p.key));
  const seen = new Set<string>();
  return after.filter((p) => !known.has(p.key) && !seen.has(p.key) && seen.add(p.key));
}
