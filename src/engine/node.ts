// The engine's Node entry: points the shell parser at the wasm files in node_modules, then
// re-exports the engine. The CLI, the engine library build and the unit tests import this module.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { ensureShellParser, setShellWasmSource } from './parse/index';

const require = createRequire(import.meta.url);

function wasm(specifier: string): Uint8Array {
  return new Uint8Array(readFileSync(require.resolve(specifier)));
}

try {
  setShellWasmSource({
    runtime: wasm('web-tree-sitter/web-tree-sitter.wasm'),
    bash: wasm('tree-sitter-bash/tree-sitter-bash.wasm'),
  });
} catch {
  // The wasm files are missing: the engine falls back to its built-in shell splitter.
}

export * from './index';
export { parseDockerfile, ensureShellParser, setShellWasmSource, shellParserReady } from './parse/index';
export type * from './model';

/** Resolves once the shell parser is loaded (analyze() awaits it too). */
export const shellParserLoaded: Promise<void> = ensureShellParser();
