// The analysis worker: exposes the engine through comlink (src/client/protocol.ts), and nothing else.
// Requests run in two phases (workers/phase-runner.ts). It never throws across the boundary:
// failures become a well-formed Analysis.
import './buffer-shim'; // must run before dockerfile-ast is evaluated
import * as Comlink from 'comlink';
import treeSitterWasm from 'web-tree-sitter/web-tree-sitter.wasm?url';
import bashWasm from 'tree-sitter-bash/tree-sitter-bash.wasm?url';
import { ensureShellParser, setShellWasmSource } from '../src/engine/parse/shell';
import { analyze as engineAnalyze } from '../src/engine/analyze';
import type { AnalyzerApi } from '../src/client/protocol';
import { PhaseRunner, internalError, messageTask } from './phase-runner';

// The parser loads tree-sitter's wasm lazily; in the browser it fetches them from these URLs.
setShellWasmSource({ runtime: treeSitterWasm, bash: bashWasm });
// Start loading it at once, so the first request does not wait for the download and compile.
// It never rejects: a parser that cannot load leaves the built-in splitter in use.
const ready = ensureShellParser();

/**
 * Test hook, on only in a worker the page starts with `?testhooks=1` in its address (the worker's
 * name then says so): a text whose first line is `# test-hook: spin` never finishes phase 1
 * (`# test-hook: spin phase2`: phase 2). The watchdog's end-to-end test needs a runaway analysis
 * whose length does not depend on the machine's speed; the hook can do no more than a hostile
 * input could, and the watchdog stops it.
 */
const TEST_HOOKS = /\btesthooks\b/.test((self as { name?: string }).name ?? '');
function spinIfAsked(text: string, phase: 'phase1' | 'phase2'): void {
  const m = /^# test-hook: spin( phase2)?\r?\n/.exec(text);
  if (m && (m[1] ? 'phase2' : 'phase1') === phase) for (;;);
}

const runner = new PhaseRunner({
  ready,
  nextTask: messageTask(),
  beforePhase: TEST_HOOKS ? spinIfAsked : undefined,
});

const api: AnalyzerApi = {
  async ready() {
    await ready;
  },
  quick: (id, text, options) => runner.quick(id, text, options ?? {}),
  complete: (id) => runner.complete(id),
  async analyze(text, options) {
    try {
      return await engineAnalyze(text, options ?? {});
    } catch (error) {
      return internalError(text, error);
    }
  },
};

Comlink.expose(api);
