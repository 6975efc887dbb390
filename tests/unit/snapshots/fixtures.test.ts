// The in-repo mini corpus (tests/fixtures/dockerfiles, written for this project: one or two files
// per ecosystem) with its full results — findings, sizes, steps and the rewritten text — stored in
// tests/snapshots/fixtures/. It runs on any clone, with or without ../shared. Regenerate with
// `npm run snapshots:update` and review the diff.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze, ensureShellParser } from '../../../src/engine/node';
import { repoRoot } from '../hardening/helpers';
import { describeAnalysis } from './describe';

const fixtureDir = path.join(repoRoot, 'tests/fixtures/dockerfiles');
const snapshotDir = path.join(repoRoot, 'tests/snapshots/fixtures');
const fixtures = readdirSync(fixtureDir)
  .filter((name) => name.endsWith('.Dockerfile'))
  .sort();

beforeAll(() => ensureShellParser());

describe('fixture results match the reviewed snapshots', () => {
  it('covers the ecosystems', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(10);
  });

  it.each(fixtures)('%s', async (name) => {
    const text = readFileSync(path.join(fixtureDir, name), 'utf8');
    const analysis = await analyze(text);
    await expect(describeAnalysis(text, analysis, 'full')).toMatchFileSnapshot(
      path.join(snapshotDir, name.replace(/\.Dockerfile$/, '.txt')),
    );
  });
});
