// The one protocol between the page and the analysis worker (workers/analyzer.worker.ts).
// The worker exposes exactly this object through comlink; the CLI calls the same analyze().
import type { Analysis, AnalyzeOptions } from '../engine/types';
import type { SecretScan } from '../engine/secrets';

export type { Analysis, AnalyzeOptions, SecretScan };

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

/** What the secrets worker (workers/secrets.worker.ts) exposes: the engine's one secret detector,
 *  asked before a text goes into a link or the address bar (src/share/secrets-client.ts). */
export interface SecretsApi {
  scan(text: string): Promise<SecretScan>;
}
