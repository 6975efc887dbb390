// deepFreeze guards what the memos share between analyses (issue 20): everything reachable from a
// frozen value must refuse changes, through arrays (walked by index) and objects alike.
import { describe, expect, it } from 'vitest';
import { deepFreeze } from '../../../src/engine/frozen';

describe('deepFreeze', () => {
  it('freezes every object and array reachable, inside arrays too', () => {
    const value = {
      list: [{ a: 1, inner: [[{ b: 2 }]] }, 'text', null, 3],
      nested: { deeper: { items: [{ c: 3 }] } },
    };
    expect(deepFreeze(value)).toBe(value);
    const reachable = [
      value,
      value.list,
      value.list[0],
      (value.list[0] as { inner: unknown[][] }).inner,
      (value.list[0] as { inner: unknown[][] }).inner[0],
      (value.list[0] as { inner: { b: number }[][] }).inner[0][0],
      value.nested,
      value.nested.deeper,
      value.nested.deeper.items,
      value.nested.deeper.items[0],
    ];
    for (const part of reachable) expect(Object.isFrozen(part)).toBe(true);
    expect(() => (value.nested.deeper.items[0] as { c: number }).c++).toThrow(TypeError);
    expect(() => (value.list as unknown[]).push(1)).toThrow(TypeError);
  });

  it('hands primitives and null back unchanged', () => {
    expect(deepFreeze(null)).toBe(null);
    expect(deepFreeze('s')).toBe('s');
    expect(deepFreeze(4)).toBe(4);
  });
});
