// The one module that owns the analysis worker. Requests are numbered and the newest wins: a result
// for an older request is dropped. A watchdog terminates a worker that runs too long (a comlink call
// cannot be cancelled), starts a fresh one and reports a notice.
import * as Comlink from 'comlink';
import type { AnalyzeOptions } from '../engine/types';
import type { AnalyzeOutcome, AnalyzerApi, ClientNotice } from './protocol';

export interface AnalyzerClientOptions {
  /** Milliseconds one analysis may take before the worker is restarted. */
  timeoutMs?: number;
  /** The limit for a fresh worker's first analysis, which also loads the engine and its wasm. */
  startupTimeoutMs?: number;
  onNotice?: (notice: ClientNotice) => void;
  /** Creates the worker; tests may pass their own. */
  createWorker?: () => Worker;
}

interface Pending {
  id: number;
  text: string;
  options: AnalyzeOptions;
  started: number;
  resolve: (outcome: AnalyzeOutcome) => void;
}

function defaultWorker(): Worker {
  return new Worker(new URL('../../workers/analyzer.worker.ts', import.meta.url), {
    type: 'module',
    name: 'analyzer',
  });
}

export class AnalyzerClient {
  private worker: Worker | null = null;
  private api: Comlink.Remote<AnalyzerApi> | null = null;
  /** Bumped whenever the worker is stopped: answers from an older worker are ignored. */
  private generation = 0;
  private nextId = 1;
  private latestId = 0;
  /** Requests whose promise is not settled yet (at most the newest one, in practice). */
  private pending = new Map<number, Pending>();
  /** Watchdog timers of the requests sent to the current worker and not answered yet. */
  private inFlight = new Map<number, ReturnType<typeof setTimeout>>();
  /** Whether the current worker has answered once (its start-up is over). */
  private warm = false;
  private readonly timeoutMs: number;
  private readonly startupTimeoutMs: number;
  private readonly onNotice: (notice: ClientNotice) => void;
  private readonly createWorker: () => Worker;

  constructor(options: AnalyzerClientOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.startupTimeoutMs = options.startupTimeoutMs ?? Math.max(this.timeoutMs, 20_000);
    this.onNotice = options.onNotice ?? (() => {});
    this.createWorker = options.createWorker ?? defaultWorker;
  }

  /** Analyze `text`; resolves with 'stale' when a newer request supersedes this one. */
  analyze(text: string, options: AnalyzeOptions = {}): Promise<AnalyzeOutcome> {
    const id = this.nextId++;
    this.latestId = id;
    // Older requests can never land on screen: settle them now (the worker may still be busy
    // with one of them; its watchdog keeps running).
    for (const p of this.pending.values()) this.settle(p, { status: 'stale' });
    return new Promise<AnalyzeOutcome>((resolve) => {
      const entry: Pending = { id, text, options, started: now(), resolve };
      this.pending.set(id, entry);
      this.send(entry);
    });
  }

  /**
   * Starts the worker now, before any request: its script, the engine's tables and the shell
   * parser's wasm then load while the page is still busy with the editor.
   */
  warmUp(): void {
    this.ensureWorker();
  }

  /** Stops the worker and settles every pending request as stale. */
  dispose(): void {
    for (const p of this.pending.values()) this.settle(p, { status: 'stale' });
    this.stopWorker();
  }

  private ensureWorker(): Comlink.Remote<AnalyzerApi> {
    if (this.api) return this.api;
    const worker = this.createWorker();
    const generation = this.generation;
    worker.addEventListener('error', (event) => {
      if (generation !== this.generation) return;
      event.preventDefault?.();
      const message = `The analyzer failed: ${event.message || 'the worker could not start'}.`;
      this.onNotice({ kind: 'error', message });
      for (const p of this.pending.values()) this.settle(p, { status: 'error', message });
      this.stopWorker();
    });
    this.worker = worker;
    this.api = Comlink.wrap<AnalyzerApi>(worker);
    return this.api;
  }

  private send(entry: Pending): void {
    const api = this.ensureWorker();
    const generation = this.generation;
    const { id } = entry;
    this.inFlight.set(
      id,
      setTimeout(() => this.onTimeout(id), this.warm ? this.timeoutMs : this.startupTimeoutMs),
    );
    const done = () => {
      clearTimeout(this.inFlight.get(id));
      this.inFlight.delete(id);
    };
    api.analyze(entry.text, entry.options).then(
      (analysis) => {
        if (generation !== this.generation) return; // answer of a stopped worker
        done();
        this.warm = true;
        const elapsedMs = now() - entry.started;
        if (id !== this.latestId) return this.settle(entry, { status: 'stale' });
        this.settle(entry, { status: 'ok', analysis, text: entry.text, options: entry.options, elapsedMs });
      },
      (error: unknown) => {
        if (generation !== this.generation) return;
        done();
        this.settle(entry, { status: 'error', message: `The analyzer failed: ${describe(error)}` });
      },
    );
  }

  /** A request ran past the watchdog: stop the worker (a comlink call cannot be cancelled). */
  private onTimeout(id: number): void {
    const seconds = Math.round(this.timeoutMs / 100) / 10;
    const message = `An analysis took longer than ${seconds} s and was stopped; the analyzer was restarted. Try a smaller Dockerfile.`;
    this.stopWorker();
    this.onNotice({ kind: 'restart', message });
    const latest = this.pending.get(this.latestId);
    if (!latest) return;
    if (latest.id === id) {
      this.settle(latest, { status: 'timeout', message });
    } else {
      // The runaway was an older request; the newest one queued behind it gets a fresh worker.
      latest.started = now();
      this.send(latest);
    }
  }

  private settle(entry: Pending, outcome: AnalyzeOutcome): void {
    if (!this.pending.delete(entry.id)) return;
    entry.resolve(outcome);
  }

  private stopWorker(): void {
    this.generation++;
    for (const timer of this.inFlight.values()) clearTimeout(timer);
    this.inFlight.clear();
    this.worker?.terminate();
    this.worker = null;
    this.api = null;
    this.warm = false;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function now(): number {
  return performance.now();
}
