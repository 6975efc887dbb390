// Asks the secrets worker (workers/secrets.worker.ts) whether a text looks like it holds a secret.
// The worker starts on the first question. An answer that does not come within the time limit (a
// crashed or starved worker) stops the worker and reports an incomplete scan, which the callers
// treat as "not known to be safe": nothing is put into the address bar on a guess.
import * as Comlink from 'comlink';
import type { SecretScan, SecretsApi } from '../../client/protocol';

export type SecretScanner = (text: string) => Promise<SecretScan>;

/** Generous: a megabyte scans in well under a second even on a loaded machine. */
const SCAN_TIMEOUT_MS = 15_000;

let worker: Worker | null = null;
let api: Comlink.Remote<SecretsApi> | null = null;

function remote(): Comlink.Remote<SecretsApi> {
  if (api) return api;
  worker = new Worker(new URL('../../../workers/secrets.worker.ts', import.meta.url), {
    type: 'module',
    name: 'secrets',
  });
  api = Comlink.wrap<SecretsApi>(worker);
  return api;
}

function stop(): void {
  worker?.terminate();
  worker = null;
  api = null;
}

/** The default scanner: the worker, bounded in time; never rejects. */
export const scanInWorker: SecretScanner = async (text) => {
  const failed: SecretScan = { hits: [], complete: false };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), SCAN_TIMEOUT_MS);
  });
  try {
    const answer = await Promise.race([remote().scan(text), timeout]);
    if (answer === 'timeout') {
      stop();
      return failed;
    }
    return answer;
  } catch {
    stop();
    return failed;
  } finally {
    clearTimeout(timer);
  }
};
