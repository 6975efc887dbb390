// The page's rule metadata is generated JSON (scripts/rules-meta.ts, `npm run docs:rules`): the
// committed file must equal a fresh generation from the rule registry, and the page's loader must
// hand the Learn pages exactly what the rules say.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allRules } from '../../../src/engine/rules/registry';
import { RULES_META_FILE, ruleInfos, rulesMetaJson } from '../../../scripts/rules-meta';
import { loadRules } from '../../../src/ui/rules-meta';
import { repoRoot } from '../rules/helpers';

describe('generated rule metadata', () => {
  it('the committed JSON equals a fresh generation (run `npm run docs:rules` after changing a rule)', () => {
    const committed = readFileSync(path.join(repoRoot, RULES_META_FILE), 'utf8');
    expect(committed).toBe(rulesMetaJson(allRules));
  });

  it('holds every rule once, with its metadata and docs, sorted by id', async () => {
    const loaded = await loadRules();
    expect(loaded.map((r) => r.meta.id)).toEqual(allRules.map((r) => r.meta.id).sort());
    expect(loaded).toEqual(ruleInfos(allRules));
    const multiStage = loaded.find((r) => r.meta.id === 'multi-stage');
    expect(multiStage?.docs.before).toContain('FROM');
    expect(multiStage).not.toHaveProperty('check');
  });
});
