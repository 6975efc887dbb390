// Runs each analysis off the main thread with a deadline (issue 20): one worker thread, started on
// first use; the engine's start-up (modules, wasm) has its own generous limit, and every analysis
// gets the stated one. An analysis over its deadline ends the worker; the next file gets a fresh one.
import type { Worker } from 'node:worker_threads';
import type { Analysis, AnalyzeOptions } from '../engine/types';
import { startWorker } from './ts-worker';

export interface WorkerRequest {
  id: number;
  text: string;
  options: AnalyzeOptions;
}
export type WorkerReply = { id: number; analysis: Analysis } | { id: number; error: string };

export type Outcome = { analysis: Analysis } | { failure: string };

/** Loading the engine and its wasm on a loaded machine; not counted in any file's deadline. */
const STARTUP_LIMIT_MS = 120_000;

const WORKER_URL = new URL(
  import.meta.url.endsWith('.ts') ? './analysis-worker.ts' : './analysis-worker.js',
  import.meta.url,
);

export class DeadlineAnalyzer {
  private worker: Worker | null = null;
  private ready: Promise<void> | null = null;
  private nextId = 1;

  constructor(
    private readonly deadlineMs: number,
    private readonly workerUrl: URL = WORKER_URL,
  ) {}

  async analyze(text: string, options: AnalyzeOptions = {}): Promise<Outcome> {
    try {
      await this.start();
    } catch (error) {
      this.stop();
      return { failure: `the analysis engine could not start: ${describe(error)}` };
    }
    const worker = this.worker!;
    const id = this.nextId++;
    return new Promise<Outcome>((resolve) => {
      const finish = (outcome: Outcome, stop = false): void => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        if (stop) this.stop();
        resolve(outcome);
      };
      const timer = setTimeout(
        () =>
          finish(
            { failure: `the analysis did not finish within ${seconds(this.deadlineMs)} and was stopped` },
            true,
          ),
        this.deadlineMs,
      );
      const onMessage = (reply: WorkerReply): void => {
        if (reply.id !== id) return;
        finish(
          'analysis' in reply
            ? { analysis: reply.analysis }
            : { failure: `the analysis failed: ${reply.error}` },
        );
      };
      const onError = (error: unknown): void =>
        finish({ failure: `the analysis failed: ${describe(error)}` }, true);
      const onExit = (code: number): void =>
        finish({ failure: `the analysis thread stopped (exit code ${code})` }, true);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage({ id, text, options } satisfies WorkerRequest);
    });
  }

  /** Ends the worker (the process can then exit). */
  close(): void {
    this.stop();
  }

  private start(): Promise<void> {
    if (this.ready) return this.ready;
    const worker = startWorker(this.workerUrl);
    this.worker = worker;
    this.ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`it took over ${seconds(STARTUP_LIMIT_MS)}`)),
        STARTUP_LIMIT_MS,
      );
      const settle = (error?: Error): void => {
        clearTimeout(timer);
        worker.off('message', onReady);
        if (error) reject(error);
        else resolve();
      };
      const onReady = (m: unknown): void => {
        if (m && typeof m === 'object' && 'ready' in m) settle();
      };
      worker.on('message', onReady);
      worker.once('error', (error) => settle(error));
      worker.once('exit', (code) => settle(new Error(`exit code ${code}`)));
    });
    return this.ready;
  }

  private stop(): void {
    const worker = this.worker;
    this.worker = null;
    this.ready = null;
    if (worker) {
      worker.removeAllListeners();
      worker.on('error', () => {}); // a late error from a thread being ended is not news
      void worker.terminate();
    }
  }
}

function seconds(ms: number): string {
  return ms >= 1000 ? `${+(ms / 1000).toFixed(1)} s` : `${ms} ms`;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
