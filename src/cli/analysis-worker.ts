// The CLI's analysis thread: loads the engine (and the shell parser's wasm) once, says "ready",
// then answers one analysis per message. The main thread owns the clock and ends this thread
// when an analysis is over its deadline (a runaway analysis cannot be interrupted from inside).
import { parentPort } from 'node:worker_threads';
import { analyze, shellParserLoaded } from '../engine/node';
import type { AnalyzeOptions } from '../engine/types';
import type { WorkerReply, WorkerRequest } from './analyzer';

const port = parentPort!;
// Test hook: a text holding this marker never finishes, whatever the machine's speed (the
// deadline test needs a runaway analysis that no fast machine completes in time).
const HANG_MARKER = process.env.DOCKERFILE_PLAYGROUND_TEST_HANG || null;
await shellParserLoaded;
port.on('message', async ({ id, text, options }: WorkerRequest) => {
  if (HANG_MARKER && text.includes(HANG_MARKER)) for (;;);
  let reply: WorkerReply;
  try {
    reply = { id, analysis: await analyze(text, options as AnalyzeOptions) };
  } catch (error) {
    reply = { id, error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
});
port.postMessage({ ready: true });
