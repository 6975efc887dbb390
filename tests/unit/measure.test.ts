// Phase 2's measurements (src/engine/measure.ts): each edited text is parsed once, estimated once
// per options (equal options share, whatever object carries them) and run through the rules once,
// and the savings pass and the rewriter share what either measured first, with results unchanged.
import { beforeAll, describe, expect, it } from 'vitest';
import { parseDockerfile, shellParserLoaded } from '../../src/engine/node';
import { resolveOptions } from '../../src/engine/options';
import { createStageMemo, estimateImage } from '../../src/engine/size';
import { runRules, savingsSteps } from '../../src/engine/rules/run';
import { rewriteDockerfile } from '../../src/engine/rewrite';
import { createMeasurements, optionsKey } from '../../src/engine/measure';

beforeAll(() => shellParserLoaded);

const APP = [
  'FROM debian:12',
  'RUN apt-get update && apt-get install -y curl',
  'RUN pip install flask',
  'CMD ["curl", "--version"]',
].join('\n');

function phase1(text: string) {
  const opts = resolveOptions({});
  const model = parseDockerfile(text);
  const estimate = estimateImage(model, opts);
  return { opts, model, estimate, outcomes: runRules(model, opts, estimate, { skipSavings: true }) };
}

function drain(steps: Generator<void, unknown, void>): void {
  while (!steps.next().done);
}

describe('measurements of edited texts', () => {
  it('parses a text once and estimates it once per options, equal options sharing', () => {
    const measured = createMeasurements();
    const text = APP + '\nENV A=1\n';
    const a = measured.estimate(text, resolveOptions({}));
    const b = measured.estimate(text, resolveOptions({}));
    expect(b).toBe(a);
    expect(measured.counts).toMatchObject({ parses: 1, estimates: 1 });
    const ignored = measured.estimate(text, resolveOptions({ context: { hasDockerignore: true } }));
    expect(ignored).not.toBe(a);
    expect(measured.counts).toMatchObject({ parses: 1, estimates: 2 });
    expect(a).toEqual(estimateImage(parseDockerfile(text), resolveOptions({})));
  });

  it('knows phase 1: the user text under its options is neither parsed nor estimated again', () => {
    const { opts, model, estimate } = phase1(APP);
    const measured = createMeasurements({ model, opts, estimate });
    expect(measured.parse(APP)).toBe(model);
    expect(measured.estimate(APP, resolveOptions({}))).toBe(estimate);
    expect(measured.counts).toMatchObject({ parses: 0, estimates: 0, reused: 2 });
  });

  it('runs the rules once per model, options and estimate', () => {
    const { opts, model, estimate, outcomes } = phase1(APP);
    const measured = createMeasurements();
    const found = measured.rules(model, opts, estimate);
    expect(found).toEqual(outcomes);
    expect(measured.rules(model, resolveOptions({}), estimate)).toBe(found);
    expect(measured.counts.ruleRuns).toBe(1);
    // Another estimate object is another input: the rules run again.
    measured.rules(model, opts, estimateImage(model, opts));
    expect(measured.counts.ruleRuns).toBe(2);
  });

  it('keys options by everything they say', () => {
    const base = optionsKey(resolveOptions({}));
    expect(optionsKey(resolveOptions({}))).toBe(base);
    const variants = [
      { context: { hasDockerignore: true } },
      { context: { sourceBytes: 1 } },
      { rewrite: { disabledSteps: ['x'] } },
      { rewrite: { enabledSteps: ['x'] } },
      { disabledRules: ['x'] },
      { lint: { ignored: ['x'] } },
      { lint: { override: { error: ['x'] } } },
      { lint: { trustedRegistries: ['x.example'] } },
    ];
    const keys = variants.map((v) => optionsKey(resolveOptions(v)));
    expect(new Set([base, ...keys]).size).toBe(variants.length + 1);
    // Set order does not matter.
    expect(optionsKey(resolveOptions({ disabledRules: ['a', 'b'] }))).toBe(
      optionsKey(resolveOptions({ disabledRules: ['b', 'a'] })),
    );
  });

  it('the rewriter reuses what the savings pass measured, with the same result', () => {
    const { opts, model, estimate, outcomes } = phase1(APP);
    const withSavings = () => {
      const copies = outcomes.map((o) => ({ ...o, finding: { ...o.finding } }));
      const measured = createMeasurements({ model, opts, estimate });
      drain(savingsSteps(model, opts, estimate, copies, (t, o) => measured.estimate(t, o)));
      return { copies, measured };
    };
    // Apart: the rewrite measures every text itself.
    const apart = withSavings();
    const own = createMeasurements({ model, opts, estimate });
    const expected = rewriteDockerfile(model, apart.copies, opts, estimate, own);
    // Shared, as phase 2 runs them.
    const { copies, measured } = withSavings();
    const bySavings = measured.counts.estimates;
    expect(bySavings).toBeGreaterThan(0);
    const rewrite = rewriteDockerfile(model, copies, opts, estimate, measured);
    expect(rewrite).toEqual(expected);
    // The rewrite's first step is a finding's fix on the user's text, which the savings measured.
    expect(measured.counts.estimates - bySavings).toBeLessThan(own.counts.estimates);
  });
  it('an edit re-sizes only the stages from its own onwards, under the same options only', () => {
    const text = [
      'FROM golang:1.22 AS build',
      'RUN apt-get update && apt-get install -y libpcap-dev',
      'RUN go build -o /app .',
      'FROM debian:12-slim',
      'COPY --from=build /app /app',
      'RUN apt-get update && apt-get install -y curl',
    ].join('\n');
    const opts = resolveOptions({});
    const model = parseDockerfile(text);
    const stages = createStageMemo();
    const estimate = estimateImage(model, opts, undefined, stages);
    expect(stages.counts).toEqual({ hits: 0, misses: 2 });
    const measured = createMeasurements({ model, opts, estimate, stages });
    const fixed = text.replace('-y curl', '-y --no-install-recommends curl');
    const reused = measured.estimate(fixed, opts);
    expect(stages.counts).toEqual({ hits: 1, misses: 3 });
    expect(reused).toEqual(estimateImage(parseDockerfile(fixed), opts));
    // An edit in the first stage leaves nothing to re-use; other options have their own stages.
    measured.estimate(text.replace('libpcap-dev', 'libpcap-dev git'), opts);
    expect(stages.counts).toEqual({ hits: 1, misses: 5 });
    measured.estimate(fixed, resolveOptions({ context: { hasDockerignore: true } }));
    expect(stages.counts).toEqual({ hits: 1, misses: 5 });
  });
});
