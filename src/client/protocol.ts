// The one protocol between the page and the analysis worker (workers/analyzer.worker.ts).
// The worker exposes exactly this object through comlink; the CLI calls the same analyze().
import type { Analysis, AnalyzeOptions } from '../engine/types';

export type { Analysis, AnalyzeOptions };

/** What the worker exposes. `analyze` never rejects: bad input becomes `syntaxErrors`. */
export interface AnalyzerApi {
  analyze(text: string, options?: AnalyzeOptions): Promise<Analysis>;
}

/** How one request to the client ends. */
export type AnalyzeOutcome =
  | { status: 'ok'; analysis: Analysis; text: string; options: AnalyzeOptions; elapsedMs: number }
  /** A newer request was made before this one finished: its result is dropped. */
  | { status: 'stale' }
  /** The analysis ran past the watchdog; the worker was restarted. */
  | { status: 'timeout'; message: string }
  /** The worker could not be reached (failed to load, crashed). */
  | { status: 'error'; message: string };

/** Status messages the client reports to the page (restarts, crashes). */
export interface ClientNotice {
  kind: 'restart' | 'error';
  message: string;
}
