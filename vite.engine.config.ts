// The engine as a plain ES module for Node: dist/engine.js exports analyze() and analyzeSync()
// (plus parseDockerfile) from src/engine/node.ts, which loads the tree-sitter wasm from
// node_modules. Dependencies stay external; the app's build in dist/ is left alone.
import { builtinModules } from 'node:module';
import { defineConfig } from 'vite';

const external = [
  'dockerfile-ast',
  'web-tree-sitter',
  'tree-sitter-bash',
  ...builtinModules,
  ...builtinModules.map((m) => `node:${m}`),
];

export default defineConfig({
  publicDir: false,
  build: {
    target: 'node20',
    ssr: true,
    outDir: 'dist',
    emptyOutDir: false,
    copyPublicDir: false,
    minify: false,
    sourcemap: false,
    lib: {
      entry: 'src/engine/node.ts',
      formats: ['es'],
      fileName: () => 'engine.js',
    },
    rollupOptions: {
      external: (id) => external.includes(id) || external.some((e) => id.startsWith(`${e}/`)),
      output: { entryFileNames: 'engine.js', codeSplitting: false },
    },
  },
});
