// Engine speed on the corpus, in one process, interleaved with the peers so that machine load
// affects all three alike: our full analyze (parse, size, rules, rewrite) vs dockerfile-utils
// `validate` and dockerfilelint `run`.
import { createRequire } from 'node:module';
import { validate } from 'dockerfile-utils';
import { analyzeSync, ensureShellParser } from '../../src/engine/node';
import type { CorpusFile } from './corpus';
import { median, percentile, round } from './stats';

const require = createRequire(import.meta.url);
const dockerfilelint = require('dockerfilelint') as { run(configPath: string, content: string): unknown };

export interface EngineSpeedReport {
  files: number;
  rounds: number;
  perFileMs: { ours: number; dockerfileUtils: number; dockerfilelint: number };
  ratio: { oursVsDockerfileUtils: number; oursVsDockerfilelint: number };
  largest: { file: string; lines: number; p50Ms: number; p95Ms: number; runs: number };
  heapUsedMB: number;
  /** Corpus files on which a tool threw (its time until the throw still counts). */
  crashes: { ours: number; dockerfileUtils: number; dockerfilelint: number };
}

type Runner = (text: string) => unknown;

function timeOnce(run: Runner, text: string): number {
  const start = performance.now();
  run(text);
  return performance.now() - start;
}

export async function measureEngineSpeed(corpus: CorpusFile[], rounds = 5): Promise<EngineSpeedReport> {
  await ensureShellParser();
  const runners: Record<'ours' | 'dockerfileUtils' | 'dockerfilelint', Runner> = {
    ours: (text) => analyzeSync(text),
    dockerfileUtils: (text) => validate(text),
    dockerfilelint: (text) => dockerfilelint.run('.', text),
  };
  const names = Object.keys(runners) as (keyof typeof runners)[];
  // A peer that throws on a real file (dockerfilelint does on some HEALTHCHECK forms) must not
  // stop the benchmark: the throw is counted once per file, its time until then is kept.
  const crashed = {
    ours: new Set<string>(),
    dockerfileUtils: new Set<string>(),
    dockerfilelint: new Set<string>(),
  };
  for (const name of names) {
    const run = runners[name];
    runners[name] = (text) => {
      try {
        return run(text);
      } catch {
        crashed[name].add(text);
        return null;
      }
    };
  }
  // Warm-up: JIT, lazy tables, wasm.
  for (const file of corpus) for (const name of names) runners[name](file.text);

  const totals = { ours: [] as number[], dockerfileUtils: [] as number[], dockerfilelint: [] as number[] };
  for (let round = 0; round < rounds; round++) {
    const sums = { ours: 0, dockerfileUtils: 0, dockerfilelint: 0 };
    for (const file of corpus) {
      // Rotate the order per file so no tool always runs first after a GC.
      const order = names.map((_, i) => names[(i + round + file.name.length) % names.length]);
      for (const name of order) sums[name] += timeOnce(runners[name], file.text);
    }
    for (const name of names) totals[name].push(sums[name] / corpus.length);
  }

  const largestFile = corpus.reduce((a, b) => (b.text.length > a.text.length ? b : a));
  const largestRuns: number[] = [];
  for (let i = 0; i < 100; i++) largestRuns.push(timeOnce(runners.ours, largestFile.text));

  const perFile = {
    ours: median(totals.ours),
    dockerfileUtils: median(totals.dockerfileUtils),
    dockerfilelint: median(totals.dockerfilelint),
  };
  return {
    files: corpus.length,
    rounds,
    perFileMs: {
      ours: round(perFile.ours),
      dockerfileUtils: round(perFile.dockerfileUtils),
      dockerfilelint: round(perFile.dockerfilelint),
    },
    ratio: {
      oursVsDockerfileUtils: round(perFile.ours / perFile.dockerfileUtils, 2),
      oursVsDockerfilelint: round(perFile.ours / perFile.dockerfilelint, 2),
    },
    largest: {
      file: largestFile.name,
      lines: largestFile.text.split('\n').length,
      p50Ms: round(median(largestRuns)),
      p95Ms: round(percentile(largestRuns, 95)),
      runs: largestRuns.length,
    },
    heapUsedMB: round(process.memoryUsage().heapUsed / 1e6, 1),
    crashes: {
      ours: crashed.ours.size,
      dockerfileUtils: crashed.dockerfileUtils.size,
      dockerfilelint: crashed.dockerfilelint.size,
    },
  };
}
