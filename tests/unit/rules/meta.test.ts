// Metadata lint (Biome's rules_check, STYLE.md §8): ids, techniques, severities, docs sections,
// hadolint ids and build-check names, references, fix metadata, registry order.
import { describe, expect, it } from 'vitest';
import { allRules } from '../../../src/engine/rules/registry';
import { ruleDocs, rulesForAlias } from '../../../src/engine/rules/index';
import { TECHNIQUES } from '../../../src/engine/types';

/** hadolint ids known from research/linters.md (README table, source tree, PR #1249, retired DL3005). */
const KNOWN_HADOLINT = new Set([
  'DL1001',
  ...[0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => `DL300${n}`),
  ...Array.from({ length: 68 }, (_, i) => `DL30${String(10 + i).padStart(2, '0')}`),
  'DL4000',
  'DL4001',
  'DL4003',
  'DL4004',
  'DL4005',
  'DL4006',
  'DL4007',
]);
/** Docker build checks (rules index of moby/buildkit). */
const KNOWN_BUILD_CHECKS = new Set([
  'StageNameCasing',
  'FromAsCasing',
  'NoEmptyContinuation',
  'ConsistentInstructionCasing',
  'DuplicateStageName',
  'ReservedStageName',
  'JSONArgsRecommended',
  'MaintainerDeprecated',
  'UndefinedArgInFrom',
  'WorkdirRelativePath',
  'UndefinedVar',
  'MultipleInstructionsDisallowed',
  'LegacyKeyValueFormat',
  'RedundantTargetPlatform',
  'SecretsUsedInArgOrEnv',
  'InvalidDefaultArgInFrom',
  'FromPlatformFlagConstDisallowed',
  'CopyIgnoredFile',
  'InvalidDefinitionDescription',
  'ExposeProtoCasing',
  'ExposeInvalidFormat',
]);
/** Techniques whose findings are advice only: they never warn or fail. */
const INFO_ONLY = new Set(['healthcheck', 'dockerignore', 'buildkit-cache']);

describe('rule metadata', () => {
  it('registry is sorted by id and ids are unique', () => {
    const ids = allRules.map((r) => r.meta.id);
    expect(ids).toEqual([...ids].sort());
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('covers every technique of the vocabulary except "other"-only gaps', () => {
    const used = new Set(allRules.map((r) => r.meta.technique));
    for (const t of TECHNIQUES) expect(used.has(t), `technique ${t} has no rule`).toBe(true);
  });

  describe.each(allRules.map((r) => [r.meta.id, r] as const))('%s', (id, rule) => {
    const { meta, docs } = rule;
    it('has a kebab-case id', () => expect(id).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/));
    it('uses a technique from the vocabulary', () => expect(TECHNIQUES).toContain(meta.technique));
    it('has a severity consistent with its technique', () => {
      expect(['error', 'warning', 'info']).toContain(meta.severity);
      if (INFO_ONLY.has(meta.technique)) expect(meta.severity).toBe('info');
      if (meta.severity === 'error') expect(meta.technique).toBe('correctness');
    });
    it('has a title and every docs section', () => {
      expect(meta.title.trim().length).toBeGreaterThan(5);
      for (const key of [
        'whatItDoes',
        'whyItMatters',
        'before',
        'after',
        'fixSafety',
        'whenNotToUse',
      ] as const) {
        expect(docs[key].trim().length, key).toBeGreaterThan(0);
      }
      expect(docs.before).not.toBe(docs.after);
      expect(docs.before.endsWith('\n') && docs.after.endsWith('\n')).toBe(true);
    });
    it('names well-formed, known hadolint ids and build checks', () => {
      for (const h of meta.hadolint) {
        expect(h).toMatch(/^(DL\d{4}|SC\d{4})$/);
        if (h.startsWith('DL')) expect(KNOWN_HADOLINT.has(h), h).toBe(true);
      }
      for (const b of meta.buildChecks) expect(KNOWN_BUILD_CHECKS.has(b), b).toBe(true);
      expect(new Set([...meta.hadolint, ...meta.buildChecks]).size).toBe(
        meta.hadolint.length + meta.buildChecks.length,
      );
    });
    it('links https references', () => {
      expect(meta.references.length).toBeGreaterThan(0);
      for (const r of meta.references) expect(r).toMatch(/^https:\/\/[^\s]+$/);
    });
    it('has consistent fix metadata', () => {
      if (meta.fixable === 'never') expect(meta.fixSafety).toBeNull();
      else expect(['safe', 'unsafe', 'display-only']).toContain(meta.fixSafety);
      if (meta.fixable === 'never') expect(docs.fixSafety).toMatch(/not fixed|Reported/i);
    });
    it('is reachable through ruleDocs()', () => {
      expect(ruleDocs(id)?.meta.id).toBe(id);
      for (const a of [...meta.hadolint, ...meta.buildChecks])
        expect(rulesForAlias(a).map((r) => r.meta.id)).toContain(id);
    });
  });

  it('ruleDocs() of an unknown id is null', () => expect(ruleDocs('no-such-rule')).toBeNull());
});
