// What the Debian tables cost the analysis worker at start (issue 16 item 3), in fresh Node
// processes, alternating the two forms and taking the median of N:
// - tables: the two tables compiled and run as object literals (how the worker build carried them
//   before) against as strings (how it carries them now: decoded only when a suite is first used);
// - worker: compiling a built analysis worker script (`--before=<dist>` against this checkout's
//   dist/, both built with `npx vite build`): V8's parse and top-level compile, without running it.
// Usage: npx tsx scripts/bench/worker-start.ts [--before=<other checkout>/dist] [--runs=7]
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { median, round } from './stats';

const DATA = resolve(import.meta.dirname, '../../src/data');

/** One measurement in a fresh process: milliseconds to compile (and for tables, run) the source. */
const CHILD = `
const vm = require('node:vm');
const fs = require('node:fs');
const [kind, arg] = process.argv.slice(1);
let source;
if (kind === 'worker') source = fs.readFileSync(arg, 'utf8');
else {
  const texts = ['bookworm', 'trixie'].map((s) => fs.readFileSync(arg + '/debian-' + s + '.json', 'utf8'));
  source = texts.map((t, i) => 'var __table' + i + ' = ' + (kind === 'literal' ? t : JSON.stringify(t)) + ';').join('\\n');
}
const t0 = performance.now();
// The worker is an ES module (import.meta): parsed and compiled as one, not linked or run.
if (kind === 'worker') new vm.SourceTextModule(source);
else new vm.Script(source).runInThisContext();
process.stdout.write(String(performance.now() - t0));
`;

function once(kind: string, arg: string): number {
  const run = spawnSync(
    process.execPath,
    ['--experimental-vm-modules', '--no-warnings', '-e', CHILD, kind, arg],
    { encoding: 'utf8' },
  );
  if (run.status !== 0) throw new Error(run.stderr.slice(-2000));
  return Number(run.stdout);
}

function workerScript(dist: string): string {
  const name = readdirSync(join(dist, 'assets')).find((f) => /^analyzer\.worker-.*\.js$/.test(f));
  if (!name) throw new Error(`no analysis worker in ${dist}/assets: run npx vite build there`);
  return join(dist, 'assets', name);
}

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const runs = Number(arg('runs') ?? 7);
const samples: Record<string, number[]> = { literal: [], string: [], workerBefore: [], workerAfter: [] };
const before = arg('before');
const after = resolve(import.meta.dirname, '../../dist');
for (let i = 0; i < runs; i++) {
  samples.literal.push(once('literal', DATA));
  samples.string.push(once('string', DATA));
  if (before) {
    samples.workerBefore.push(once('worker', workerScript(before)));
    samples.workerAfter.push(once('worker', workerScript(after)));
  }
}
const m = (k: string) => round(median(samples[k]), 1);
console.log(`Debian tables (both suites), compile + run, median of ${runs} fresh processes:`);
console.log(`  as object literals (before): ${m('literal')} ms; as strings (now): ${m('string')} ms`);
console.log(`  ratio now ÷ before: ${round(median(samples.string) / median(samples.literal), 3)}`);
if (before) {
  console.log(
    `analysis worker script, compile only (${readFileSync(workerScript(after)).length} bytes now):`,
  );
  console.log(`  before ${m('workerBefore')} ms, now ${m('workerAfter')} ms`);
}
