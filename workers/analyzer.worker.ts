// The analysis worker: exposes the engine through comlink (src/client/protocol.ts), and nothing else.
// Requests run in two phases (workers/phase-runner.ts). It never throws across the boundary:
// failures become a well-formed Analysis.
import './buffer-shim'; // must run before dockerfile-ast is evaluated
import { shellParserReady } from './shell-parser'; // before the engine: its wasm loads meanwhile
import * as Comlink from 'comlink';
import { analyze as engineAnalyze } from '../src/engine/analyze';
import type { AnalyzerApi } from '../src/client/protocol';
import { PhaseRunner, internalError, messageTask } from './phase-runner';

const ready = shellParserReady;

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
