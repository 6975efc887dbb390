// The worker client: newest request wins, a runaway analysis is stopped and the worker restarted.
// The "worker" here is a MessageChannel with the same comlink protocol as the real one.
import { describe, expect, it } from 'vitest';
import * as Comlink from 'comlink';
import { AnalyzerClient } from '../../../src/client/analyzer-client';
import type { AnalyzerApi, ClientNotice } from '../../../src/client/protocol';
import type { Analysis } from '../../../src/engine/types';

function fakeAnalysis(text: string): Analysis {
  return {
    schemaVersion: 1,
    engineVersion: 'test',
    syntaxErrors: [],
    stages: [],
    estimate: { uncompressedBytes: text.length, compressedBytes: 0, confidence: 'low', layers: [] },
    findings: [],
    rewrite: {
      dockerfile: text,
      dockerignore: null,
      estimate: { uncompressedBytes: 0, compressedBytes: 0, confidence: 'low', layers: [] },
      steps: [],
    },
  };
}

interface Delays {
  /** Milliseconds phase 1 takes (Infinity: never ends). */
  quick: number;
  /** Milliseconds phase 2 takes after phase 1 (Infinity: never ends). */
  complete?: number;
}

/**
 * A worker speaking the real protocol (ready, quick, complete) whose phases take `delay(text)` ms;
 * its start-up (`ready`) takes `startupMs` (Infinity: never). With `serial`, like the real worker,
 * it handles one request at a time: a newer one waits for the older one's phase 2.
 */
function fakeWorkerFactory(delay: (text: string) => number | Delays, { serial = false, startupMs = 0 } = {}) {
  const created: { terminated: boolean }[] = [];
  const create = () => {
    const { port1, port2 } = new MessageChannel();
    const state = { terminated: false };
    created.push(state);
    let queue: Promise<unknown> = Promise.resolve();
    const wait = (ms: number) =>
      new Promise<void>((resolve) => {
        if (Number.isFinite(ms)) setTimeout(resolve, ms);
      });
    const delays = (text: string): Delays => {
      const d = delay(text);
      return typeof d === 'number' ? { quick: d, complete: 1 } : d;
    };
    const up = wait(startupMs);
    const phases = new Map<number, Promise<Analysis>>();
    const api: AnalyzerApi = {
      ready: () => up,
      quick: (id, text) => {
        const d = delays(text);
        const run = async () => {
          await up;
          await wait(d.quick);
          return fakeAnalysis(text);
        };
        const quick = serial ? queue.then(run) : run();
        const full = quick.then(async (a) => {
          await wait(d.complete ?? 1);
          return a;
        });
        phases.set(id, full);
        if (serial) queue = full;
        return quick.then(({ rewrite: _rewrite, ...rest }) => rest);
      },
      complete: (id) => phases.get(id) ?? Promise.resolve(null),
      analyze: async (text) => fakeAnalysis(text),
    };
    Comlink.expose(api, port2 as unknown as Comlink.Endpoint);
    const worker = {
      postMessage: (msg: unknown, transfer?: Transferable[]) => port1.postMessage(msg, transfer ?? []),
      addEventListener: port1.addEventListener.bind(port1),
      removeEventListener: port1.removeEventListener.bind(port1),
      start: () => port1.start(),
      terminate: () => {
        state.terminated = true;
        port1.close();
        port2.close();
      },
    };
    return worker as unknown as Worker;
  };
  return { create, created };
}

describe('AnalyzerClient', () => {
  it('returns the analysis of the text', async () => {
    const { create } = fakeWorkerFactory(() => 1);
    const client = new AnalyzerClient({ createWorker: create });
    const outcome = await client.analyze('FROM scratch');
    expect(outcome.status).toBe('ok');
    if (outcome.status === 'ok') expect(outcome.text).toBe('FROM scratch');
    client.dispose();
  });

  it('lets the newest request win: an older one resolves as stale', async () => {
    const { create } = fakeWorkerFactory((text) => (text === 'old' ? 50 : 1));
    const client = new AnalyzerClient({ createWorker: create });
    const older = client.analyze('old');
    const newer = client.analyze('new');
    expect((await older).status).toBe('stale');
    const outcome = await newer;
    expect(outcome.status === 'ok' && outcome.analysis.rewrite.dockerfile).toBe('new');
    client.dispose();
  });

  it('stops a runaway analysis, restarts the worker and reports it', async () => {
    const { create, created } = fakeWorkerFactory((text) => (text === 'hang' ? Infinity : 1));
    const notices: ClientNotice[] = [];
    const client = new AnalyzerClient({
      createWorker: create,
      timeoutMs: 100,
      onNotice: (n) => notices.push(n),
    });
    expect((await client.analyze('warm up')).status).toBe('ok');
    const outcome = await client.analyze('hang');
    expect(outcome.status).toBe('timeout');
    expect(notices.map((n) => n.kind)).toEqual(['restart']);
    expect(created[0].terminated).toBe(true);
    // The next request goes to a fresh worker.
    const next = await client.analyze('FROM alpine');
    expect(next.status).toBe('ok');
    expect(created.length).toBe(2);
    client.dispose();
  });

  it('re-sends the newest request when the runaway one before it is stopped', async () => {
    // Like the real worker, this one handles one request at a time: a newer request waits.
    const { create, created } = fakeWorkerFactory((text) => (text === 'hang' ? Infinity : 1), {
      serial: true,
    });
    const notices: ClientNotice[] = [];
    const client = new AnalyzerClient({
      createWorker: create,
      timeoutMs: 100,
      onNotice: (n) => notices.push(n),
    });
    expect((await client.analyze('warm up')).status).toBe('ok');
    const hung = client.analyze('hang');
    await new Promise((r) => setTimeout(r, 30));
    const latest = client.analyze('FROM alpine');
    expect((await hung).status).toBe('stale');
    const outcome = await latest;
    expect(outcome.status === 'ok' && outcome.text).toBe('FROM alpine');
    expect(notices.map((n) => n.kind)).toEqual(['restart']);
    expect(created.length).toBe(2);
    client.dispose();
  });

  it('hands phase 1 to onQuick before the full analysis resolves', async () => {
    const { create } = fakeWorkerFactory(() => ({ quick: 1, complete: 60 }));
    const client = new AnalyzerClient({ createWorker: create });
    const events: string[] = [];
    const outcome = await client.analyze(
      'FROM scratch',
      {},
      {
        onQuick: (q) => events.push(`quick ${q.text} rewrite=${'rewrite' in q.analysis}`),
      },
    );
    events.push(`full ${outcome.status}`);
    expect(events).toEqual(['quick FROM scratch rewrite=false', 'full ok']);
    expect(outcome.status === 'ok' && outcome.analysis.rewrite.dockerfile).toBe('FROM scratch');
    client.dispose();
  });

  it('drops the phase 1 and phase 2 of a request superseded by a newer one', async () => {
    const { create } = fakeWorkerFactory((text) => (text === 'old' ? { quick: 40, complete: 40 } : 1));
    const client = new AnalyzerClient({ createWorker: create });
    const quicks: string[] = [];
    const onQuick = (q: { text: string }) => quicks.push(q.text);
    const older = client.analyze('old', {}, { onQuick });
    await new Promise((r) => setTimeout(r, 5));
    const newer = client.analyze('new', {}, { onQuick });
    expect((await older).status).toBe('stale');
    expect((await newer).status).toBe('ok');
    await new Promise((r) => setTimeout(r, 100)); // the old phases have ended by now
    expect(quicks).toEqual(['new']);
    client.dispose();
  });

  it('stops a runaway phase 2 after phase 1 was shown', async () => {
    const { create, created } = fakeWorkerFactory((text) =>
      text === 'hang later' ? { quick: 1, complete: Infinity } : 1,
    );
    const client = new AnalyzerClient({ createWorker: create, timeoutMs: 100 });
    const quicks: string[] = [];
    const outcome = await client.analyze('hang later', {}, { onQuick: (q) => quicks.push(q.text) });
    expect(quicks).toEqual(['hang later']);
    expect(outcome.status).toBe('timeout');
    expect(created[0].terminated).toBe(true);
    client.dispose();
  });

  it("times the worker's start-up apart: the first analysis gets the stated limit, not the start-up's", async () => {
    // Start-up 300 ms, limit 100 ms: a quick first analysis passes (its limit starts once the
    // worker is up); a runaway first analysis is stopped about 100 ms after the start-up, far
    // sooner than the start-up limit.
    const { create } = fakeWorkerFactory((text) => (text === 'hang' ? Infinity : 1), { startupMs: 300 });
    const notices: ClientNotice[] = [];
    const client = new AnalyzerClient({
      createWorker: create,
      timeoutMs: 100,
      startupTimeoutMs: 20_000,
      onNotice: (n) => notices.push(n),
    });
    expect((await client.analyze('FROM alpine')).status).toBe('ok');
    client.dispose();

    const fresh = new AnalyzerClient({
      createWorker: create,
      timeoutMs: 100,
      startupTimeoutMs: 20_000,
      onNotice: (n) => notices.push(n),
    });
    const started = performance.now();
    const outcome = await fresh.analyze('hang');
    const elapsed = performance.now() - started;
    expect(outcome.status).toBe('timeout');
    expect(outcome.status === 'timeout' && outcome.message).toMatch(/longer than 0\.1 s/);
    expect(elapsed).toBeGreaterThanOrEqual(390);
    // Far sooner than the 20 s start-up limit; timers run late on a busy machine, so the bound only
    // tells "the stated limit" from "the start-up limit" apart.
    expect(elapsed).toBeLessThan(15_000);
    fresh.dispose();
  });

  it('reports a worker that does not start within the start-up limit', async () => {
    const { create, created } = fakeWorkerFactory(() => 1, { startupMs: Infinity });
    const notices: ClientNotice[] = [];
    const client = new AnalyzerClient({
      createWorker: create,
      timeoutMs: 100,
      startupTimeoutMs: 200,
      onNotice: (n) => notices.push(n),
    });
    const outcome = await client.analyze('FROM alpine');
    expect(outcome.status).toBe('error');
    expect(notices.map((n) => n.message)).toEqual([expect.stringMatching(/did not start within 0\.2 s/)]);
    expect(created[0].terminated).toBe(true);
    client.dispose();
  });
});
