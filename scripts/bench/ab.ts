// Before → after in ONE process, for a busy shared machine where runs minutes apart are not
// comparable: loads this checkout's engine and another checkout's (`--base=<dir>`, e.g. an
// extracted copy of main), warms both up on a quarter of the corpus, then times every other file
// once per engine (texts neither had seen), alternating which engine goes first. Prints per engine
// the mean phase 1 and phase 2 per file, the ratios after ÷ before, and how many files gave a
// different Analysis (an optimisation must not change any result). Also the longest single step of
// phase 2 per file (the worker cannot stop inside a step: a newer text's phase 1 may wait that
// long), as a mean over the files and on the largest file.
// Usage: npx tsx scripts/bench/ab.ts --base=/tmp/perf-base [--cpu] (--cpu: process CPU time, not
// wall-clock: on a loaded machine the waits for a core dominate wall-clock differences)
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadCorpus } from './corpus';
import { round } from './stats';

interface Engine {
  ensureShellParser(): Promise<void>;
  startAnalysis(text: string): { rest: Generator<void, unknown, void> };
}

/** CPU milliseconds of this process (with --cpu: a loaded machine's waits are not counted). */
function cpuNow(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}
const now = process.argv.includes('--cpu') ? cpuNow : () => performance.now();

interface Timing {
  phase1: number;
  phase2: number;
  /** The longest step of phase 2. */
  longestStep: number;
  result: string;
}

function timeOne(engine: Engine, text: string): Timing {
  const t0 = now();
  const { rest } = engine.startAnalysis(text);
  const t1 = now();
  let longestStep = 0;
  for (;;) {
    const started = now();
    const step = rest.next();
    longestStep = Math.max(longestStep, now() - started);
    if (!step.done) continue;
    const t2 = now();
    const { timingMs: _t, ...result } = step.value as { timingMs?: number };
    return { phase1: t1 - t0, phase2: t2 - t1, longestStep, result: JSON.stringify(result) };
  }
}

async function main(): Promise<void> {
  const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  const baseDir = arg('base');
  if (!baseDir) throw new Error('usage: ab.ts --base=<checkout dir>');
  const corpus = loadCorpus();
  if (!corpus) throw new Error('the corpus (../shared/corpus) is absent');
  const load = async (dir: string) =>
    (await import(pathToFileURL(resolve(dir, 'src/engine/node.ts')).href)) as Engine;
  const engines = { before: await load(baseDir), after: await load(resolve(import.meta.dirname, '../..')) };
  await engines.before.ensureShellParser();
  await engines.after.ensureShellParser();
  // The largest file is always timed, never a warm-up text.
  const largest = corpus.reduce((a, b) => (b.text.length > a.text.length ? b : a));
  const warm = corpus.filter((f, i) => i % 4 === 0 && f !== largest);
  for (const f of warm) for (const e of Object.values(engines)) timeOne(e, f.text);
  const totals = {
    before: { phase1: 0, phase2: 0, longestStep: 0, largest: 0 },
    after: { phase1: 0, phase2: 0, longestStep: 0, largest: 0 },
  };
  const measured = corpus.filter((f) => !warm.includes(f));
  let differ = 0;
  measured.forEach((f, k) => {
    const order = k % 2 ? (['before', 'after'] as const) : (['after', 'before'] as const);
    const results: Record<string, string> = {};
    for (const name of order) {
      const t = timeOne(engines[name], f.text);
      totals[name].phase1 += t.phase1;
      totals[name].phase2 += t.phase2;
      totals[name].longestStep += t.longestStep;
      if (f === largest) totals[name].largest = t.longestStep;
      results[name] = t.result;
    }
    if (results.before !== results.after) differ++;
  });
  const n = measured.length;
  const per = (name: 'before' | 'after', phase: 'phase1' | 'phase2') => round(totals[name][phase] / n, 2);
  for (const name of ['before', 'after'] as const)
    console.log(`${name}: phase 1 ${per(name, 'phase1')} ms/file, phase 2 ${per(name, 'phase2')} ms/file`);
  const ratio = (phase: 'phase1' | 'phase2') => round(totals.after[phase] / totals.before[phase], 3);
  const full = round(
    (totals.after.phase1 + totals.after.phase2) / (totals.before.phase1 + totals.before.phase2),
    3,
  );
  console.log(
    `after ÷ before: phase 1 ${ratio('phase1')}, phase 2 ${ratio('phase2')}, both ${full} (${n} files, each timed once per engine)`,
  );
  const longest = (name: 'before' | 'after') => round(totals[name].longestStep / n, 1);
  console.log(
    `longest phase-2 step, mean over the files: before ${longest('before')} ms, after ${longest('after')} ms, ratio ${round(totals.after.longestStep / totals.before.longestStep, 3)}`,
  );
  console.log(
    `longest phase-2 step on the largest file (${largest.name}): before ${round(totals.before.largest, 1)} ms, after ${round(totals.after.largest, 1)} ms, ratio ${round(totals.after.largest / totals.before.largest, 3)}`,
  );
  console.log(`files whose Analysis differs: ${differ} of ${n}`);
}

await main();
