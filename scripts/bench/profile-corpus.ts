// A CPU-profile driver: analyzes every corpus file (phase 1, or both phases with --full) after a
// warm-up round on a quarter of the corpus, so `node --cpu-prof` shows where an analysis spends
// its time on texts the engine had not seen. Prints phase 1 and phase 2 CPU per file.
// Usage: node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx scripts/bench/profile-corpus.ts [--full] [--rounds=N]
import { ensureShellParser, startAnalysis } from '../../src/engine/node';
import { loadCorpus } from './corpus';

const corpus = loadCorpus();
if (!corpus) throw new Error('the corpus (../shared/corpus) is absent');
const full = process.argv.includes('--full');
await ensureShellParser();
for (const f of corpus.filter((_, i) => i % 4 === 0)) finishAll(startAnalysis(f.text).rest);
let phase1 = 0;
let phase2 = 0;
const measured = corpus.filter((_, i) => i % 4 !== 0);
for (const f of measured) {
  const t0 = performance.now();
  const { rest } = startAnalysis(f.text);
  const t1 = performance.now();
  if (full) finishAll(rest);
  phase1 += t1 - t0;
  phase2 += performance.now() - t1;
}
console.log(
  `${measured.length} files: phase 1 ${(phase1 / measured.length).toFixed(2)} ms/file` +
    (full ? `, phase 2 ${(phase2 / measured.length).toFixed(2)} ms/file` : ''),
);

function finishAll(rest: Generator<void, unknown, void>): void {
  while (!rest.next().done);
}
