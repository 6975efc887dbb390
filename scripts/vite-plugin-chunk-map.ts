// Build step: writes dist/chunk-modules.json, the source modules of each main-thread JS chunk
// (worker bundles are built separately and are not listed). tests/e2e/bundle.e2e.ts reads it to prove
// that the page's main thread never loads rule or rewrite code (issue 17, item 6).
import { relative, sep } from 'node:path';
import type { Plugin } from 'vite';

export const CHUNK_MAP_FILE = 'chunk-modules.json';

export function chunkMap(root: string): Plugin {
  return {
    name: 'dockerfile-playground:chunk-map',
    apply: 'build',
    generateBundle(_options, bundle) {
      const map: Record<string, string[]> = {};
      for (const item of Object.values(bundle)) {
        if (item.type !== 'chunk') continue;
        map[item.fileName] = item.moduleIds
          .filter((id) => !id.startsWith('\0'))
          .map((id) => relative(root, id.split('?')[0]).split(sep).join('/'))
          .sort();
      }
      this.emitFile({ type: 'asset', fileName: CHUNK_MAP_FILE, source: JSON.stringify(map, null, 1) });
    },
  };
}
