// normalizePath returns an already-normal path as it is (a fast path); the result must equal the
// segment-by-segment normalisation for every input. Checked exhaustively over all strings of up
// to 9 characters from '/', '.', 'a' (29,524 inputs: every mix of slashes, dots and names).
import { describe, expect, it } from 'vitest';
import { normalizePath } from '../../../src/engine/primitives/paths';

/** The normalisation spelled out: drop empty and '.' segments, '..' pops, rejoin from '/'. */
function bySegments(p: string): string {
  const parts: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return '/' + parts.join('/');
}

function* strings(alphabet: string, maxLength: number): Generator<string> {
  let level = [''];
  yield '';
  for (let n = 1; n <= maxLength; n++) {
    const next: string[] = [];
    for (const s of level) for (const c of alphabet) next.push(s + c);
    yield* next;
    level = next;
  }
}

describe('normalizePath fast path', () => {
  it('equals the segment-by-segment normalisation for every short path', () => {
    let checked = 0;
    const differ: string[] = [];
    for (const p of strings('/.a', 9)) {
      checked++;
      if (normalizePath(p) !== bySegments(p)) differ.push(p);
    }
    expect(checked).toBe(29_524);
    expect(differ).toEqual([]);
  });

  it('keeps longer real paths', () => {
    for (const p of ['/usr/local/bin', '/app/.cache', '/a/..b/c.', '/x/.../y', '/opt/app/', 'rel/a', '/a//b'])
      expect(normalizePath(p)).toBe(bySegments(p));
  });
});
