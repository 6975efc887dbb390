// Engine speed on the corpus, honestly: several processes, each warmed up on a share of the corpus
// and timing every other file once (scripts/bench/engine-process.ts), so every figure is for a text
// the engine had not seen in that process. Our phase 1 (what the page shows first) and phase 2
// (measured savings, rewrite) are timed apart, beside dockerfile-utils `validate` and dockerfilelint
// `run` on the same files in the same processes. Per file the median over the processes that
// measured it; per tool the mean over the files.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import type { ProcessTimings, ToolName } from './engine-process';
import type { CorpusFile } from './corpus';
import { median, percentile, round } from './stats';

export interface EngineSpeedReport {
  files: number;
  processes: number;
  /** Mean over the files of the per-file median, ms; phase1/phase2 null on an engine without phases. */
  perFileMs: Record<ToolName, number | null>;
  ratio: {
    phase1VsDockerfileUtils: number | null;
    fullVsDockerfileUtils: number;
    fullVsDockerfilelint: number;
    parseOnlyVsDockerfileUtils: number;
  };
  /** The largest file, timed once per process in which it was not a warm-up file. */
  largest: {
    file: string;
    lines: number;
    samples: number;
    phase1P50Ms: number | null;
    phase1P95Ms: number | null;
    fullP50Ms: number;
    fullP95Ms: number;
  };
}

const PROCESS_SCRIPT = resolve(import.meta.dirname, 'engine-process.ts');

export function measureEngineSpeed(corpus: CorpusFile[], processes = 8): EngineSpeedReport {
  const runs: ProcessTimings[] = [];
  for (let i = 0; i < processes; i++) {
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', PROCESS_SCRIPT, String(i), String(processes)],
      {
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    if (run.status !== 0) throw new Error(`engine benchmark process ${i} failed:\n${run.stderr}`);
    runs.push(JSON.parse(run.stdout.trim().split('\n').pop()!) as ProcessTimings);
  }
  const samples = (file: string, tool: ToolName): number[] =>
    runs.map((r) => r.files[file]?.[tool]).filter((v): v is number => typeof v === 'number');
  const tools: ToolName[] = ['phase1', 'phase2', 'full', 'parseOnly', 'dockerfileUtils', 'dockerfilelint'];
  const perFile = Object.fromEntries(
    tools.map((tool) => {
      const medians = corpus
        .map((f) => samples(f.name, tool))
        .filter((s) => s.length)
        .map(median);
      return [tool, medians.length ? medians.reduce((a, b) => a + b, 0) / medians.length : null];
    }),
  ) as Record<ToolName, number | null>;
  const ratio = (a: number | null, b: number | null) => (a === null || b === null ? null : round(a / b, 2));

  const largestFile = corpus.reduce((a, b) => (b.text.length > a.text.length ? b : a));
  const p1 = samples(largestFile.name, 'phase1');
  const full = samples(largestFile.name, 'full');
  return {
    files: corpus.length,
    processes,
    perFileMs: Object.fromEntries(
      tools.map((t) => [t, perFile[t] === null ? null : round(perFile[t]!)]),
    ) as Record<ToolName, number | null>,
    ratio: {
      phase1VsDockerfileUtils: ratio(perFile.phase1, perFile.dockerfileUtils),
      fullVsDockerfileUtils: ratio(perFile.full, perFile.dockerfileUtils)!,
      fullVsDockerfilelint: ratio(perFile.full, perFile.dockerfilelint)!,
      parseOnlyVsDockerfileUtils: ratio(perFile.parseOnly, perFile.dockerfileUtils)!,
    },
    largest: {
      file: largestFile.name,
      lines: largestFile.text.split('\n').length,
      samples: full.length,
      phase1P50Ms: p1.length ? round(median(p1), 1) : null,
      phase1P95Ms: p1.length ? round(percentile(p1, 95), 1) : null,
      fullP50Ms: round(median(full), 1),
      fullP95Ms: round(percentile(full, 95), 1),
    },
  };
}
