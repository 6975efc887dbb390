// The app build: two entry pages (the playground and the embed), Monaco and the analysis worker
// bundled and served by the app itself (no CDN). The engine library for Node is built separately
// by vite.engine.config.ts into the same dist/ folder (it runs second, with emptyOutDir false).
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';
import { serviceWorker } from './scripts/vite-plugin-sw';
import { previewHeaders } from './scripts/headers';
import { deferredTables } from './scripts/vite-plugin-deferred-tables';
import { CHUNK_MAP_FILE, chunkMap } from './scripts/vite-plugin-chunk-map';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  // Relative URLs everywhere (pages, chunks, workers, wasm, Monaco, the service worker's scope): the
  // build works wherever it is hosted, at a domain's root or under any subpath.
  base: './',
  plugins: [
    svelte(),
    // `vite preview` sends the headers of public/_headers (the CSP, COOP), as Netlify/Cloudflare do.
    previewHeaders(`${root}public/_headers`),
    // dist/chunk-modules.json: which source modules each main-thread chunk holds (tests/e2e/bundle.e2e.ts).
    chunkMap(root),
    // Build end: dist/embed-element.js (the <dockerfile-playground> element) and dist/sw.js (offline).
    serviceWorker({
      swEntry: `${root}src/sw/sw.ts`,
      // A build report for the tests, never fetched by the page.
      exclude: (file) => file === CHUNK_MAP_FILE,
      scripts: [
        {
          entry: `${root}src/embed/element.ts`,
          fileName: 'embed-element.js',
          name: 'DockerfilePlaygroundElement',
        },
      ],
    }),
  ],
  // The analysis worker decodes the Debian tables on first use instead of compiling them at start.
  worker: { format: 'es', plugins: () => [deferredTables()] },
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    emptyOutDir: true,
    // The lazy Monaco chunk is ~3 MB minified (~0.8 MB gzip) by design; it never blocks first paint.
    chunkSizeWarningLimit: 4000,
    rolldownOptions: {
      input: {
        index: `${root}index.html`,
        embed: `${root}embed.html`,
      },
    },
  },
  optimizeDeps: { include: ['dockerfile-ast', 'web-tree-sitter', 'comlink'] },
  server: { port: 5173 },
  // The headers hosts should send are in public/_headers (docs/SECURITY.md); the pages carry the
  // policy as a <meta> too, minus frame-ancestors, which only a header can set.
  preview: { port: 4173, strictPort: true },
});
