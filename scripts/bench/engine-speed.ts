// Engine speed on the corpus, in one process, interleaved with the peers so that machine load
// affects all alike: our full analyze (parse, size, rules, rewrite) vs dockerfile-utils `validate`
// and dockerfilelint `run`; our parse alone (dockerfile-ast + shell parsing) is timed too, to
// show what the analysis costs on top of reading the file.
import { createRequire } from 'node:module';
import { validate } from 'dockerfile-utils';
import { analyzeSync, ensureShellParser, parseDockerfile } from '../../src/engine/node';
import type { CorpusFile } from './corpus';
import { median, percentile, round } from './stats';

const require = createRequire(import.meta.url);
const dockerfilelint = require('dockerfilelint') as { run(configPath: string, content: string): unknown };

const TOOLS = {
  ours: (text: string) => analyzeSync(text),
  oursParseOnly: (text: string) => parseDockerfile(text),
  dockerfileUtils: (text: string) => validate(text),
  dockerfilelint: (text: string) => dockerfilelint.run('.', text),
};
type Tool = keyof typeof TOOLS;
type PerTool = Record<Tool, number>;

export interface EngineSpeedReport {
  files: number;
  rounds: number;
  perFileMs: PerTool;
  ratio: { oursVsDockerfileUtils: number; oursVsDockerfilelint: number; parseOnlyVsDockerfileUtils: number };
  largest: { file: string; lines: number; p50Ms: number; p95Ms: number; runs: number };
  heapUsedMB: number;
  /** Corpus files on which a tool threw (its time until the throw still counts). */
  crashes: PerTool;
}

function timeOnce(run: (text: string) => unknown, text: string): number {
  const start = performance.now();
  run(text);
  return performance.now() - start;
}

const perTool = <T = number>(value: (tool: Tool) => T): Record<Tool, T> =>
  Object.fromEntries((Object.keys(TOOLS) as Tool[]).map((t) => [t, value(t)])) as Record<Tool, T>;

export async function measureEngineSpeed(corpus: CorpusFile[], rounds = 5): Promise<EngineSpeedReport> {
  await ensureShellParser();
  const names = Object.keys(TOOLS) as Tool[];
  // A peer that throws on a real file (dockerfilelint does on some HEALTHCHECK forms) must not
  // stop the benchmark: the throw is counted once per file, its time until then is kept.
  const crashed = perTool(() => new Set<string>());
  const run = (name: Tool, text: string) => {
    try {
      TOOLS[name](text);
    } catch {
      crashed[name].add(text);
    }
  };
  // Warm-up: JIT, lazy tables, wasm.
  for (const file of corpus) for (const name of names) run(name, file.text);

  const totals = perTool((): number[] => []);
  for (let r = 0; r < rounds; r++) {
    const sums = perTool(() => 0);
    for (const file of corpus) {
      // Rotate the order per file so no tool always runs first after a GC.
      const order = names.map((_, i) => names[(i + r + file.name.length) % names.length]);
      for (const name of order) sums[name] += timeOnce((text) => run(name, text), file.text);
    }
    for (const name of names) totals[name].push(sums[name] / corpus.length);
  }

  const largestFile = corpus.reduce((a, b) => (b.text.length > a.text.length ? b : a));
  const largestRuns: number[] = [];
  for (let i = 0; i < 100; i++) largestRuns.push(timeOnce(TOOLS.ours, largestFile.text));

  const perFile = perTool((t) => median(totals[t]));
  return {
    files: corpus.length,
    rounds,
    perFileMs: perTool((t) => round(perFile[t])),
    ratio: {
      oursVsDockerfileUtils: round(perFile.ours / perFile.dockerfileUtils, 2),
      oursVsDockerfilelint: round(perFile.ours / perFile.dockerfilelint, 2),
      parseOnlyVsDockerfileUtils: round(perFile.oursParseOnly / perFile.dockerfileUtils, 2),
    },
    largest: {
      file: largestFile.name,
      lines: largestFile.text.split('\n').length,
      p50Ms: round(median(largestRuns)),
      p95Ms: round(percentile(largestRuns, 95)),
      runs: largestRuns.length,
    },
    heapUsedMB: round(process.memoryUsage().heapUsed / 1e6, 1),
    crashes: perTool((t) => crashed[t].size),
  };
}
