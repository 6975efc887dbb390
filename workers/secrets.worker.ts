// The secrets worker: the engine's secret detector (src/engine/secrets.ts) off the main thread, so a
// pasted megabyte never freezes the page. Separate from the analysis worker: it answers at once
// even while an analysis runs, and loads no parser or data table.
import * as Comlink from 'comlink';
import { scanSecrets } from '../src/engine/secrets';
import type { SecretsApi } from '../src/client/protocol';

const api: SecretsApi = {
  async scan(text) {
    return scanSecrets(typeof text === 'string' ? text : '');
  },
};

Comlink.expose(api);
