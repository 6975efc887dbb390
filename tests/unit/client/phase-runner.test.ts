// The worker's two phases with the real engine (workers/phase-runner.ts): phase 1 comes first and
// has no rewrite, phase 2 equals a full analysis, and a newer request abandons the older phase 2
// between two of its steps.
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeSync, shellParserLoaded } from '../../../src/engine/node';
import { PhaseRunner } from '../../../workers/phase-runner';

const NODE_APP = [
  'FROM node:20',
  'WORKDIR /app',
  'COPY . .',
  'RUN apt-get update && apt-get install -y curl',
  'RUN npm install',
  'RUN npm run build',
  'CMD ["node", "dist/index.js"]',
  '',
].join('\n');

beforeAll(() => shellParserLoaded);

const stripTiming = <T extends { timingMs?: number }>(a: T) => ({ ...a, timingMs: undefined });

describe('PhaseRunner', () => {
  it('answers phase 1 (no rewrite, savings not measured) and then the full analysis', async () => {
    const runner = new PhaseRunner({ ready: shellParserLoaded });
    const order: string[] = [];
    const quick = runner.quick(1, NODE_APP).then((q) => (order.push('quick'), q));
    const full = runner.complete(1).then((f) => (order.push('full'), f));
    const [q, f] = await Promise.all([quick, full]);
    expect(order).toEqual(['quick', 'full']);
    expect(q).not.toBeNull();
    expect(q && 'rewrite' in q).toBe(false);
    expect(q!.findings.length).toBeGreaterThan(0);
    // Phase 1 leaves every saving unmeasured; phase 2 measures some.
    expect(q!.findings.every((x) => x.savingsBytes === null)).toBe(true);
    expect(f!.findings.some((x) => x.savingsBytes !== null)).toBe(true);
    expect(stripTiming(f!)).toEqual(stripTiming(analyzeSync(NODE_APP)));
    // Phase 1 is phase 2 without the rewrite and the measured savings.
    const { rewrite: _rewrite, ...fullWithoutRewrite } = f!;
    expect(stripTiming(q!)).toEqual(
      stripTiming({
        ...fullWithoutRewrite,
        findings: f!.findings.map((x) => ({ ...x, savingsBytes: null })),
      }),
    );
  });

  it('abandons the phase 2 of a request when a newer one arrives between two of its steps', async () => {
    let steps = 0;
    let onStep: () => void = () => {};
    const runner = new PhaseRunner({
      ready: shellParserLoaded,
      nextTask: () => {
        steps++;
        onStep();
        return new Promise((resolve) => setTimeout(resolve, 0));
      },
    });
    const newer = 'FROM alpine:3.20\nRUN apk add curl\n';
    await runner.quick(1, NODE_APP);
    // The newer request arrives after phase 2's first step.
    let second: Promise<unknown> = Promise.resolve();
    onStep = () => {
      onStep = () => {};
      second = runner.quick(2, newer);
    };
    const old = await runner.complete(1);
    expect(old).toBeNull();
    expect(steps).toBe(1);
    await second;
    const full = await runner.complete(2);
    expect(stripTiming(full!)).toEqual(stripTiming(analyzeSync(newer)));
    // An id that is not the newest gets nothing.
    expect(await runner.complete(1)).toBeNull();
  });

  it('skips phase 1 of a request superseded before it could start', async () => {
    let release: () => void = () => {};
    const runner = new PhaseRunner({ ready: new Promise<void>((r) => (release = r)) });
    const first = runner.quick(1, NODE_APP);
    const firstFull = runner.complete(1);
    const second = runner.quick(2, 'FROM alpine\n');
    release();
    expect(await first).toBeNull();
    expect(await firstFull).toBeNull();
    expect((await second)?.instructions?.length).toBe(1);
  });
});
