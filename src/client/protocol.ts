// The one protocol between the page and the analysis worker (workers/analyzer.worker.ts).
// The worker exposes exactly this object through comlink; the CLI calls the same engine.
import type { Analysis, AnalyzeOptions } from '../engine/types';
import type { QuickAnalysis } from '../engine/analyze';
import type { SecretScan } from '../engine/secrets';

export type { Analysis, AnalyzeOptions, QuickAnalysis, SecretScan };

/**
 * What the worker exposes. Nothing here rejects: bad input becomes `syntaxErrors`.
 * A request runs in two phases (DESIGN.md): `quick(id, …)` answers with phase 1 (parse, size,
 * layers, findings); `complete(id)` answers with the full Analysis once phase 2 (measured savings,
 * rewrite) is done, or with null when a newer request superseded `id` (phase 2 is then abandoned
 * between two of its steps). Ids increase with every request.
 */
export interface AnalyzerApi {
  /** Resolves once the engine and its shell parser (wasm) are loaded: the client times start-up. */
  ready(): Promise<void>;
  /** Phase 1 of request `id`; null when a newer request arrived before it started. */
  quick(id: number, text: string, options?: AnalyzeOptions): Promise<QuickAnalysis | null>;
  /** Phase 2 of request `id`: the full Analysis, or null when superseded. */
  complete(id: number): Promise<Analysis | null>;
  /** Both phases in one answer. */
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

/** Phase 1 of a request, handed to `onQuick` before the full outcome. */
export interface QuickOutcome {
  analysis: QuickAnalysis;
  text: string;
  options: AnalyzeOptions;
  elapsedMs: number;
}

/** Status messages the client reports to the page (restarts, crashes). */
export interface ClientNotice {
  kind: 'restart' | 'error';
  message: string;
}

/** What the secrets worker (workers/secrets.worker.ts) exposes: the engine's one secret detector,
 *  asked before a text goes into a link or the address bar (src/share/ui/secrets-client.ts). */
export interface SecretsApi {
  scan(text: string): Promise<SecretScan>;
}
