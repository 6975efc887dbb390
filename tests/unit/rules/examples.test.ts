// Examples are tests (Biome/STYLE.md): for every rule, docs.before yields exactly one finding of
// the rule, docs.after none, and the fix turns before into after character for character.
import { beforeAll, describe, expect, it } from 'vitest';
import { allRules } from '../../../src/engine/rules/registry';
import { fixed, lint, ready } from './helpers';

beforeAll(ready);

describe.each(allRules.map((r) => [r.meta.id, r] as const))('%s', (id, rule) => {
  it('docs.before yields exactly one finding', () => {
    const found = lint(rule.docs.before, id, { lint: rule.docs.settings });
    expect(found.map((f) => f.finding.message)).toHaveLength(1);
  });
  it('docs.after yields none', () => {
    expect(lint(rule.docs.after, id, { lint: rule.docs.settings }).map((f) => f.finding.message)).toEqual([]);
  });
  it('the fix turns before into after (or the rule reports without fixing)', () => {
    const [outcome] = lint(rule.docs.before, id, { lint: rule.docs.settings });
    if (!outcome) return;
    if (rule.meta.fixable === 'never') {
      expect(outcome.fix).toBeNull();
      return;
    }
    expect(fixed(rule.docs.before, outcome)).toBe(rule.docs.after);
  });
});
