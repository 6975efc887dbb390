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

/** A worker whose analyze waits `delay(text)` ms, or forever when it returns Infinity. */
function fakeWorkerFactory(delay: (text: string) => number, { serial = false } = {}) {
  const created: { terminated: boolean }[] = [];
  const create = () => {
    const { port1, port2 } = new MessageChannel();
    const state = { terminated: false };
    created.push(state);
    let queue: Promise<unknown> = Promise.resolve();
    const run = (text: string) =>
      new Promise<Analysis>((resolve) => {
        const ms = delay(text);
        if (Number.isFinite(ms)) setTimeout(() => resolve(fakeAnalysis(text)), ms);
      });
    const api: AnalyzerApi = {
      analyze: (text) => {
        if (!serial) return run(text);
        const next = queue.then(() => run(text));
        queue = next;
        return next;
      },
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

  it("gives a fresh worker's first analysis (engine and wasm loading) a longer limit", async () => {
    const { create, created } = fakeWorkerFactory((text) => (text === 'slow start' ? 150 : 1));
    const client = new AnalyzerClient({ createWorker: create, timeoutMs: 100, startupTimeoutMs: 1000 });
    expect((await client.analyze('slow start')).status).toBe('ok');
    expect(created.length).toBe(1);
    client.dispose();
  });
});
