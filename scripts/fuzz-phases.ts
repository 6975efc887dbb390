// The engine's pipeline, as src/engine/analyze.ts runs it (rules without savings, then the savings
// and the rewrite sharing one analysis's measurements), cut into its phases, each timed in CPU time
// of this process, for `npm run fuzz`: a slow input is reported with the phase that took the time.
// (Timing a different pipeline — rules measuring their savings apart from the rewrite — would
// report costs the product never pays.)
import { parseDockerfile } from '../src/engine/parse';
import { resolveOptions } from '../src/engine/options';
import { estimateImage, baseAlternatives } from '../src/engine/size';
import { runRules, savingsSteps } from '../src/engine/rules/run';
import { createMeasurements } from '../src/engine/measure';
import { rewriteDockerfile } from '../src/engine/rewrite';
import { summarizeInstructions, summarizeStages } from '../src/engine/summary';

export const PHASES = ['parse', 'size', 'rules', 'rewrite'] as const;
export type Phase = (typeof PHASES)[number];
export type PhaseTimes = Record<Phase, number>;

function cpuMs(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

/** Runs the pipeline on the text; an exception stops it (later phases stay at 0 ms). */
export function analyzeInPhases(text: string): {
  phases: PhaseTimes;
  error: Error | null;
  internal: boolean;
} {
  const phases: PhaseTimes = { parse: 0, size: 0, rules: 0, rewrite: 0 };
  const timed = <T>(phase: Phase, run: () => T): T => {
    const t0 = process.cpuUsage();
    try {
      return run();
    } finally {
      phases[phase] += cpuMs(t0);
    }
  };
  try {
    const opts = resolveOptions({});
    const model = timed('parse', () => parseDockerfile(text));
    const estimate = timed('size', () => estimateImage(model, opts));
    const outcomes = timed('rules', () => runRules(model, opts, estimate, { skipSavings: true }));
    timed('parse', () => [summarizeStages(model), summarizeInstructions(model)]);
    timed('size', () => baseAlternatives(model));
    const measured = createMeasurements();
    timed('rules', () => {
      const savings = savingsSteps(model, opts, estimate, outcomes, (t, o) => measured.estimate(t, o));
      while (!savings.next().done);
    });
    timed('rewrite', () => rewriteDockerfile(model, outcomes, opts, estimate, measured));
    const internal = model.syntaxErrors.some((e) => e.message.startsWith('Internal error'));
    return { phases, error: null, internal };
  } catch (error) {
    return { phases, error: error instanceof Error ? error : new Error(String(error)), internal: false };
  }
}
