// Starts loading tree-sitter's wasm (runtime and bash grammar, in parallel) as the worker's first
// work. Imported before the engine: the downloads and their compiling run while the rest of the
// worker's script is evaluated, instead of starting after it.
import treeSitterWasm from 'web-tree-sitter/web-tree-sitter.wasm?url';
import bashWasm from 'tree-sitter-bash/tree-sitter-bash.wasm?url';
import { ensureShellParser, setShellWasmSource } from '../src/engine/parse/shell';

// The parser loads tree-sitter's wasm lazily; in the browser it fetches them from these URLs.
setShellWasmSource({ runtime: treeSitterWasm, bash: bashWasm });

/** Settles when the parser is loaded. Never rejects: a parser that cannot load leaves the
 *  built-in splitter in use. */
export const shellParserReady = ensureShellParser();
