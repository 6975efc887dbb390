// The part of an Analysis that must not depend on what was analyzed before: all of it except the
// time it took.
import type { Analysis } from '../../../src/engine/types';

export function canonical(analysis: Analysis): string {
  const { timingMs: _timing, ...rest } = analysis;
  return JSON.stringify(rest);
}
