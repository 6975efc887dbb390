// The rules reference in docs/rules is generated from the rules' metadata; this keeps it in step
// (run `npm run docs:rules` after changing a rule).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allRules } from '../../../src/engine/rules/registry';
import { repoRoot } from './helpers';

describe('docs/rules', () => {
  it('has one page per rule and an index', () => {
    for (const r of allRules)
      expect(existsSync(path.join(repoRoot, 'docs/rules', `${r.meta.id}.md`)), r.meta.id).toBe(true);
    expect(existsSync(path.join(repoRoot, 'docs/rules/README.md'))).toBe(true);
  });
  it('is up to date with the metadata (npm run docs:rules -- --check)', () => {
    const tsx = path.join(repoRoot, 'node_modules/.bin/tsx');
    expect(() =>
      execFileSync(tsx, ['scripts/gen-rule-docs.ts', '--check'], { cwd: repoRoot, stdio: 'pipe' }),
    ).not.toThrow();
  });
});
