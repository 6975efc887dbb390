// Worker builds only: resolves the engine's `./tables` (the Debian tables imported as JSON, which
// Vite turns into ~2.3 MB of script parsed at worker start) to `./tables.deferred` (the same
// tables as files of their own, read and decoded on first use). See src/engine/size/tables.ts.
import { dirname, resolve } from 'node:path';
import type { Plugin } from 'vite';

export function deferredTables(): Plugin {
  return {
    name: 'deferred-tables',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source !== './tables' || !importer) return null;
      const dir = dirname(importer.split('?')[0]);
      if (!/[/\\]src[/\\]engine[/\\]size$/.test(dir)) return null;
      return resolve(dir, 'tables.deferred.ts');
    },
  };
}
