// The one module that owns the analysis worker. Requests are numbered and the newest wins: a result
// for an older request is dropped, and the worker abandons an older request's phase 2.
// Each request comes back twice: phase 1 (estimate, layers, findings) through `onQuick`, then the
// full Analysis (measured savings, rewrite) as the promise's outcome.
// Watchdog: the worker's start-up (its script, the engine's tables, the shell parser's wasm) has a
// limit of its own; once it is up, every request — the first one included — gets the stated limit,
// counted from when the worker could start on it. A request past its limit stops the worker (a
// comlink call cannot be cancelled), a fresh one starts and the page gets a notice.
import * as Comlink from 'comlink';
import type { AnalyzeOptions } from '../engine/types';
import type { AnalyzeOutcome, AnalyzerApi, ClientNotice, QuickOutcome } from './protocol';

/** The watchdog's default: one analysis (both phases) may take this long. */
export const DEFAULT_TIMEOUT_MS = 5000;
/** The worker's start-up limit (script, tables, wasm), timed apart from any analysis. */
export const DEFAULT_STARTUP_TIMEOUT_MS = 20_000;

export interface AnalyzerClientOptions {
  /** Milliseconds one analysis may take before the worker is restarted. */
  timeoutMs?: number;
  /** Milliseconds a fresh worker may take to load the engine and its wasm, before any analysis. */
  startupTimeoutMs?: number;
  onNotice?: (notice: ClientNotice) => void;
  /** Starts the worker with its test hooks on (see workers/analyzer.worker.ts). */
  testHooks?: boolean;
  /** Creates the worker; tests may pass their own. */
  createWorker?: () => Worker;
}

export interface AnalyzeHandlers {
  /** Phase 1 of this request, when it is still the newest. */
  onQuick?: (quick: QuickOutcome) => void;
}

interface Pending {
  id: number;
  text: string;
  options: AnalyzeOptions;
  started: number;
  onQuick?: (quick: QuickOutcome) => void;
  resolve: (outcome: AnalyzeOutcome) => void;
}

function defaultWorker(testHooks: boolean): Worker {
  return new Worker(new URL('../../workers/analyzer.worker.ts', import.meta.url), {
    type: 'module',
    name: testHooks ? 'analyzer testhooks' : 'analyzer',
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
  /**
   * Requests sent to the current worker and not answered yet, with their watchdog timer (null
   * while the worker is still starting: the timer starts when it is up).
   */
  private inFlight = new Map<number, ReturnType<typeof setTimeout> | null>();
  /** Whether the current worker has loaded the engine and its wasm. */
  private up = false;
  private startupTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly timeoutMs: number;
  private readonly startupTimeoutMs: number;
  private readonly onNotice: (notice: ClientNotice) => void;
  private readonly createWorker: () => Worker;

  constructor(options: AnalyzerClientOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.startupTimeoutMs = options.startupTimeoutMs ?? DEFAULT_STARTUP_TIMEOUT_MS;
    this.onNotice = options.onNotice ?? (() => {});
    const testHooks = options.testHooks ?? false;
    this.createWorker = options.createWorker ?? (() => defaultWorker(testHooks));
  }

  /**
   * Analyze `text`: `onQuick` gets phase 1 as soon as it is ready; the promise resolves with the
   * full Analysis, or 'stale' when a newer request supersedes this one.
   */
  analyze(
    text: string,
    options: AnalyzeOptions = {},
    handlers: AnalyzeHandlers = {},
  ): Promise<AnalyzeOutcome> {
    const id = this.nextId++;
    this.latestId = id;
    // Older requests can never land on screen: settle them now (the worker may still be busy
    // with one of them; its watchdog keeps running).
    for (const p of this.pending.values()) this.settle(p, { status: 'stale' });
    return new Promise<AnalyzeOutcome>((resolve) => {
      const entry: Pending = { id, text, options, started: now(), onQuick: handlers.onQuick, resolve };
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
      this.fail(`The analyzer failed: ${event.message || 'the worker could not start'}.`);
    });
    this.worker = worker;
    const api = Comlink.wrap<AnalyzerApi>(worker);
    this.api = api;
    this.startupTimer = setTimeout(() => {
      const seconds = formatSeconds(this.startupTimeoutMs);
      this.fail(`The analyzer did not start within ${seconds} s; it starts again with the next edit.`);
    }, this.startupTimeoutMs);
    api.ready().then(
      () => {
        if (generation !== this.generation) return;
        if (this.startupTimer) clearTimeout(this.startupTimer);
        this.startupTimer = null;
        this.up = true;
        for (const id of this.inFlight.keys()) this.arm(id);
      },
      () => {},
    );
    return api;
  }

  /** Starts the watchdog of request `id` (when the worker is up and it has none yet). */
  private arm(id: number): void {
    if (!this.up || this.inFlight.get(id)) return;
    this.inFlight.set(
      id,
      setTimeout(() => this.onTimeout(id), this.timeoutMs),
    );
  }

  private send(entry: Pending): void {
    const api = this.ensureWorker();
    const generation = this.generation;
    const { id, text, options } = entry;
    this.inFlight.set(id, null);
    this.arm(id);
    const current = () => generation === this.generation;
    const failed = (error: unknown) => {
      if (!current()) return;
      this.done(id);
      this.settle(entry, { status: 'error', message: `The analyzer failed: ${describe(error)}` });
    };
    api.quick(id, text, options).then((quick) => {
      if (!current() || !quick || id !== this.latestId || !this.pending.has(id)) return;
      entry.onQuick?.({ analysis: quick, text, options, elapsedMs: now() - entry.started });
    }, failed);
    api.complete(id).then((analysis) => {
      if (!current()) return; // answer of a stopped worker
      this.done(id);
      if (!analysis || id !== this.latestId) return this.settle(entry, { status: 'stale' });
      this.settle(entry, { status: 'ok', analysis, text, options, elapsedMs: now() - entry.started });
    }, failed);
  }

  private done(id: number): void {
    const timer = this.inFlight.get(id);
    if (timer) clearTimeout(timer);
    this.inFlight.delete(id);
  }

  /** A request ran past the watchdog: stop the worker (a comlink call cannot be cancelled). */
  private onTimeout(id: number): void {
    const message = `An analysis took longer than ${formatSeconds(this.timeoutMs)} s and was stopped; the analyzer was restarted. Try a smaller Dockerfile.`;
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

  /** The worker failed or did not start: tell the page, settle what waits, start afresh next time. */
  private fail(message: string): void {
    this.onNotice({ kind: 'error', message });
    for (const p of this.pending.values()) this.settle(p, { status: 'error', message });
    this.stopWorker();
  }

  private settle(entry: Pending, outcome: AnalyzeOutcome): void {
    if (!this.pending.delete(entry.id)) return;
    entry.resolve(outcome);
  }

  private stopWorker(): void {
    this.generation++;
    for (const timer of this.inFlight.values()) if (timer) clearTimeout(timer);
    this.inFlight.clear();
    if (this.startupTimer) clearTimeout(this.startupTimer);
    this.startupTimer = null;
    this.worker?.terminate();
    this.worker = null;
    this.api = null;
    this.up = false;
  }
}

function formatSeconds(ms: number): number {
  return Math.round(ms / 100) / 10;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function now(): number {
  return performance.now();
}
