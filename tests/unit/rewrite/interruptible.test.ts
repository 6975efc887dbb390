// The rewrite runs in steps (src/engine/rewrite/passes.ts): at most one measured text between two
// of them, the same result as the rewrite at once, and the worker's phase runner leaves a rewrite
// half-way when a newer request arrives, so that the newer text's phase 1 need not wait for it.
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeSync, parseDockerfile, shellParserLoaded } from '../../../src/engine/node';
import { resolveOptions, type ResolvedOptions } from '../../../src/engine/options';
import { estimateImage } from '../../../src/engine/size';
import { runRules, savingsSteps } from '../../../src/engine/rules/run';
import { rewriteDockerfile, rewriteInSteps } from '../../../src/engine/rewrite';
import { createMeasurements, type Measurements } from '../../../src/engine/measure';
import { PhaseRunner } from '../../../workers/phase-runner';
import { df } from './helpers';

// Several steps that change the bytes, each measured on its own, and cosmetic ones in a batch.
const DEBIAN_APP = df(
  'FROM debian:12',
  'RUN apt-get update && apt-get install -y curl',
  'RUN apt-get install -y git',
  'ENV A 1',
  'RUN pip install flask',
  'COPY . /app',
  'CMD ["/app/run"]',
);

beforeAll(() => shellParserLoaded);

/** Phase 1's inputs to phase 2, as src/engine/analyze.ts computes them. */
function phase1(text: string) {
  const opts = resolveOptions({});
  const model = parseDockerfile(text);
  const estimate = estimateImage(model, opts);
  return { opts, model, estimate, outcomes: runRules(model, opts, estimate, { skipSavings: true }) };
}

/** Measurements and the number of estimates they computed so far (each a text measured anew). */
function counting(): { measured: Measurements; fresh: () => number } {
  const measured = createMeasurements();
  return { measured, fresh: () => measured.counts.estimates };
}

describe('rewrite in steps', () => {
  it('measures at most one text per step and ends with the rewrite done at once', () => {
    const { opts, model, estimate, outcomes } = phase1(DEBIAN_APP);
    const { measured, fresh } = counting();
    const steps = rewriteInSteps(model, outcomes, opts, estimate, measured);
    const perStep: number[] = [];
    let result;
    for (;;) {
      const before = fresh();
      const step = steps.next();
      perStep.push(fresh() - before);
      if (step.done) {
        result = step.value;
        break;
      }
    }
    expect(Math.max(...perStep)).toBe(1);
    // Every applied step (the .dockerignore's estimate included) was measured at a boundary of its
    // own; a step the size model then drops was measured too.
    const measuredSteps = perStep.filter((n) => n === 1).length;
    expect(measuredSteps).toBeGreaterThanOrEqual(3);
    expect(measuredSteps).toBeGreaterThanOrEqual(result.steps.filter((s) => s.status === 'applied').length);
    expect(result).toEqual(rewriteDockerfile(model, outcomes, opts, estimate));
  });

  it('a newer request stops the phase 2 of an older one in the middle of its rewrite', async () => {
    // Phase 2 is the savings (one boundary each), one boundary, then the rewrite's own.
    const { opts, model, estimate, outcomes } = phase1(DEBIAN_APP);
    let savings = 0;
    for (const _ of savingsSteps(model, opts, estimate, outcomes)) savings++;
    /** A runner that counts its task boundaries and calls `onBoundary` at each. */
    const counted = (onBoundary: (n: number, runner: PhaseRunner) => void) => {
      let n = 0;
      const runner: PhaseRunner = new PhaseRunner({
        ready: shellParserLoaded,
        nextTask: () => (onBoundary(++n, runner), new Promise((resolve) => setTimeout(resolve, 0))),
      });
      return { runner, count: () => n };
    };

    const whole = counted(() => {});
    await whole.runner.quick(1, DEBIAN_APP);
    expect(await whole.runner.complete(1)).not.toBeNull();
    const total = whole.count();
    // The rewrite alone has several boundaries: its .dockerignore step and each measured step.
    expect(total - savings - 1).toBeGreaterThanOrEqual(3);

    // The newer request arrives once the rewrite has measured its first step.
    const cancelAt = savings + 3;
    const newer = 'FROM alpine:3.20\nRUN apk add curl\n';
    let second: Promise<unknown> = Promise.resolve();
    const cut = counted((n, runner) => {
      if (n === cancelAt) second = runner.quick(2, newer);
    });
    await cut.runner.quick(1, DEBIAN_APP);
    expect(await cut.runner.complete(1)).toBeNull();
    // No step of the older rewrite ran after the newer request came in.
    expect(cut.count()).toBe(cancelAt);
    expect(cancelAt).toBeLessThan(total);
    await second;
    const full = await cut.runner.complete(2);
    expect({ ...full!, timingMs: undefined }).toEqual({ ...analyzeSync(newer), timingMs: undefined });
  });
});
