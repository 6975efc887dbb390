// The app build: two entry pages (the playground and the embed), Monaco and the analysis worker
// bundled and served by the app itself (no CDN). The engine library for Node is built separately
// by vite.engine.config.ts into the same dist/ folder (it runs second, with emptyOutDir false).
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';
import { serviceWorker } from './scripts/vite-plugin-sw';

const root = fileURLToPath(new URL('.', import.meta.url));

const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "worker-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  'frame-ancestors *',
].join('; ');

export default defineConfig({
  plugins: [
    svelte(),
    // Build end: dist/embed-element.js (the <dockerfile-playground> element) and dist/sw.js (offline).
    serviceWorker({
      swEntry: `${root}src/sw/sw.ts`,
      scripts: [
        {
          entry: `${root}src/embed/element.ts`,
          fileName: 'embed-element.js',
          name: 'DockerfilePlaygroundElement',
        },
      ],
    }),
  ],
  worker: { format: 'es' },
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
  // The Content-Security-Policy hosts should send (docs/SECURITY.md); the pages carry it as a <meta>
  // too, minus frame-ancestors, which only a header can set (the embed is meant to be framed).
  preview: { port: 4173, strictPort: true, headers: { 'Content-Security-Policy': CSP } },
});
