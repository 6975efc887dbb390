// The worker's requests in two phases (src/client/protocol.ts): phase 1 is answered at once; phase 2
// runs in steps with a task boundary between two, so that a newer request (any message) is handled
// in between and the older phase 2 is abandoned at its next step. Kept apart from the comlink
// wiring so that unit tests drive it with the real engine.
import { errorAnalysis, startAnalysis, withoutRewrite } from '../src/engine/analyze';
import type { Analysis, AnalyzeOptions, QuickAnalysis } from '../src/client/protocol';

interface Job {
  rest: Generator<void, Analysis, void>;
  text: string;
  computeMs: number;
}

export interface PhaseRunnerHooks {
  /** Resolves when the engine may run (the shell parser is loaded). */
  ready: Promise<void>;
  /** A task boundary (not a microtask); tests may count them. */
  nextTask?: () => Promise<void>;
  /** Called before each phase with its text (the worker's test hook). */
  beforePhase?: (text: string, phase: 'phase1' | 'phase2') => void;
}

export class PhaseRunner {
  /** The newest request id seen: phase 2 of any older one stops at its next step. */
  private latest = 0;
  /** Phase 2 of the newest request, once its phase 1 is done (null when it was superseded). */
  private job: { id: number; ready: Promise<Job | null> } | null = null;
  private readonly nextTask: () => Promise<void>;

  constructor(private readonly hooks: PhaseRunnerHooks) {
    this.nextTask = hooks.nextTask ?? (() => new Promise((resolve) => setTimeout(resolve, 0)));
  }

  /** Phase 1 of request `id` (null when a newer request arrived before it could start). */
  quick(id: number, text: string, options: AnalyzeOptions = {}): Promise<QuickAnalysis | null> {
    this.latest = Math.max(this.latest, id);
    let done: (job: Job | null) => void = () => {};
    this.job = { id, ready: new Promise((resolve) => (done = resolve)) };
    return this.runQuick(id, text, options, done);
  }

  /** Phase 2 of request `id`: the full Analysis, or null when a newer request superseded it. */
  async complete(id: number): Promise<Analysis | null> {
    if (!this.job || this.job.id !== id) return null;
    const job = await this.job.ready;
    if (!job) return null;
    try {
      this.hooks.beforePhase?.(job.text, 'phase2');
      for (;;) {
        if (id !== this.latest) return null;
        const started = performance.now();
        const step = job.rest.next();
        job.computeMs += performance.now() - started;
        if (step.done) return { ...step.value, timingMs: job.computeMs };
        await this.nextTask();
      }
    } catch (error) {
      return internalError(job.text, error);
    }
  }

  private async runQuick(
    id: number,
    text: string,
    options: AnalyzeOptions,
    done: (job: Job | null) => void,
  ): Promise<QuickAnalysis | null> {
    await this.hooks.ready;
    if (id !== this.latest) {
      done(null);
      return null;
    }
    const started = performance.now();
    this.hooks.beforePhase?.(text, 'phase1');
    let phased: { quick: QuickAnalysis; rest: Generator<void, Analysis, void> };
    try {
      phased = startAnalysis(text, options);
    } catch (error) {
      // startAnalysis is total; should that ever break, both phases carry the error.
      const failed = internalError(text, error);
      phased = { quick: withoutRewrite(failed), rest: onlyResult(failed) };
    }
    const computeMs = performance.now() - started;
    done({ rest: phased.rest, text, computeMs });
    return { ...phased.quick, timingMs: computeMs };
  }
}

/**
 * A task boundary by a message to itself. Phase 2 yields after every measured step (dozens in a
 * rewrite), and a chain of `setTimeout(0)` is clamped to 4 ms a link once it nests five deep; a
 * posted message is not. A request that arrived meanwhile is still handled first: messages to the
 * worker and to its ports are tasks of one source, run in the order they arrive.
 */
export function messageTask(): () => Promise<void> {
  const channel = new MessageChannel();
  const waiting: (() => void)[] = [];
  channel.port1.onmessage = () => waiting.shift()?.();
  return () =>
    new Promise<void>((resolve) => {
      waiting.push(resolve);
      channel.port2.postMessage(null);
    });
}

export function internalError(text: unknown, error: unknown): Analysis {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return errorAnalysis(typeof text === 'string' ? text : '', `Internal error while analyzing: ${message}`);
}

function* onlyResult(analysis: Analysis): Generator<void, Analysis, void> {
  return analysis;
}
