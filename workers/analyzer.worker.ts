// The analysis worker: exposes the engine's analyze() through comlink, and nothing else.
// It never throws across the boundary: any failure becomes a well-formed Analysis with a syntax error.
import './buffer-shim'; // must run before dockerfile-ast is evaluated
import * as Comlink from 'comlink';
import treeSitterWasm from 'web-tree-sitter/web-tree-sitter.wasm?url';
import bashWasm from 'tree-sitter-bash/tree-sitter-bash.wasm?url';
import { ensureShellParser, setShellWasmSource } from '../src/engine/parse/shell';
import { analyze as engineAnalyze, errorAnalysis } from '../src/engine/analyze';
import type { AnalyzerApi } from '../src/client/protocol';

// The parser loads tree-sitter's wasm lazily; in the browser it fetches them from these URLs.
setShellWasmSource({ runtime: treeSitterWasm, bash: bashWasm });
// Start loading it at once, so the first request does not wait for the download and compile.
// It never rejects: a parser that cannot load leaves the built-in splitter in use.
void ensureShellParser();

const api: AnalyzerApi = {
  async analyze(text, options) {
    try {
      return await engineAnalyze(text, options ?? {});
    } catch (error) {
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      return errorAnalysis(
        typeof text === 'string' ? text : '',
        `Internal error while analyzing: ${message}`,
      );
    }
  },
};

Comlink.expose(api);
