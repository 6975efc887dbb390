// One process of the engine benchmark (scripts/bench/engine-speed.ts starts several): warms up on
// the corpus files of its warm-up share, then times every other file ONCE — texts this process has
// not seen, so no cache of the engine flatters the figure — with our phase 1, our phase 2 and the
// peers, in an order rotated per file. Prints one JSON line.
// Usage: tsx scripts/bench/engine-process.ts <process index> <process count>
import { createRequire } from 'node:module';
import { validate } from 'dockerfile-utils';
import * as engine from '../../src/engine/node';
import { loadCorpus } from './corpus';

const require = createRequire(import.meta.url);
const dockerfilelint = require('dockerfilelint') as { run(configPath: string, content: string): unknown };

export interface ProcessTimings {
  /** Per measured file: milliseconds per tool (phase1/phase2 absent where the engine has no phases). */
  files: Record<string, Partial<Record<ToolName, number>>>;
  warmUpFiles: number;
}
export type ToolName = 'phase1' | 'phase2' | 'full' | 'parseOnly' | 'dockerfileUtils' | 'dockerfilelint';

type Phased = { rest: Generator<void, unknown, void> };
const start = (engine as { startAnalysis?: (text: string) => Phased }).startAnalysis;

/** Our engine on one text: phase 1 and phase 2 timed apart (or the full analysis, on an engine without phases). */
function timeOurs(text: string): Partial<Record<ToolName, number>> {
  if (!start) {
    const t0 = performance.now();
    engine.analyzeSync(text);
    return { full: performance.now() - t0 };
  }
  const t0 = performance.now();
  const { rest } = start(text);
  const t1 = performance.now();
  while (!rest.next().done) {
    // phase 2, step by step, as the worker runs it
  }
  const t2 = performance.now();
  return { phase1: t1 - t0, phase2: t2 - t1, full: t2 - t0 };
}

function timed(run: () => unknown): number {
  const t0 = performance.now();
  try {
    run();
  } catch {
    // a peer that throws on a real file (dockerfilelint on some HEALTHCHECKs): its time still counts
  }
  return performance.now() - t0;
}

async function main(): Promise<void> {
  const [index, count] = process.argv.slice(2).map(Number);
  const corpus = loadCorpus() ?? [];
  await engine.ensureShellParser();
  const warm = corpus.filter((_, i) => i % count === index);
  const measured = corpus.filter((_, i) => i % count !== index);
  // Warm-up on other texts: JIT, lazily loaded tables, wasm.
  for (let round = 0; round < 2; round++)
    for (const file of warm) {
      timeOurs(file.text);
      timed(() => validate(file.text));
      timed(() => dockerfilelint.run('.', file.text));
    }
  const files: ProcessTimings['files'] = {};
  measured.forEach((file, k) => {
    // Peers first or ours first, alternating, so that no tool always runs right after a GC.
    const peers = () => ({
      dockerfileUtils: timed(() => validate(file.text)),
      dockerfilelint: timed(() => dockerfilelint.run('.', file.text)),
    });
    if ((k + index) % 2) files[file.name] = { ...peers(), ...timeOurs(file.text) };
    else files[file.name] = { ...timeOurs(file.text), ...peers() };
    // Parsing alone, after the analysis (its own cost, shown for scale; the parse caches are warm).
    files[file.name].parseOnly = timed(() => engine.parseDockerfile(file.text));
  });
  const result: ProcessTimings = { files, warmUpFiles: warm.length };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

await main();
