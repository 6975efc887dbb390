// Runs in a worker thread of its own (a fresh engine: no module state from earlier analyses):
// analyzes the tasks in the given order and posts their canonical JSON back.
import { parentPort, workerData } from 'node:worker_threads';
import { analyze, ensureShellParser } from '../../../src/engine/node';
import type { AnalyzeOptions } from '../../../src/engine/types';
import { canonical } from './canonical';

const tasks = (workerData as { tasks: { text: string; options: AnalyzeOptions }[] }).tasks;
await ensureShellParser();
const results: string[] = [];
for (const task of tasks) results.push(canonical(await analyze(task.text, task.options)));
parentPort!.postMessage(results);
