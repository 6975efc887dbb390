// Corpus results as reviewed snapshots (issue 17 item 7): every file of the shared corpus is
// analyzed and its findings, sizes and rewrite steps are compared with tests/snapshots/corpus/ —
// any change of behaviour fails here until the snapshots are regenerated (`npm run
// snapshots:update`) and the diff is reviewed. Only derived results are stored (rule ids, lines,
// messages, byte counts, step ids and statuses, a digest of the rewritten text), never the text
// of the corpus files, which stays in ../shared.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze, ensureShellParser } from '../../../src/engine/node';
import { CORPUS_ABSENT, loadCorpus, repoRoot } from '../hardening/helpers';
import { describeAnalysis } from './describe';

const corpus = loadCorpus();
if (!corpus)
  console.warn(`${CORPUS_ABSENT}; the corpus snapshots are not compared (the fixture snapshots are)`);
const snapshotDir = path.join(repoRoot, 'tests/snapshots/corpus');

beforeAll(() => ensureShellParser());

describe.skipIf(!corpus)('corpus results match the reviewed snapshots', () => {
  it.each((corpus ?? []).map((f) => [f.name, f.text] as const))('%s', async (name, text) => {
    const analysis = await analyze(text);
    await expect(describeAnalysis(text, analysis, 'derived')).toMatchFileSnapshot(
      path.join(snapshotDir, name.replace(/\.Dockerfile$|$/, '.txt')),
    );
  });
});
