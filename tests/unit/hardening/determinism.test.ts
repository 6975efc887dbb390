// Issue 20: an analysis is a pure function of (text, options, bundled data). The same input must
// give the same Analysis whatever this process analyzed before, compared byte for byte (timing
// aside) with an analysis in a fresh worker thread, which has no module state at all.
//
// Each fresh worker analyzes one (file, options) pair first — the reference — and then the others
// in a random order; this process analyzes them again in more random orders, with other options
// between. Every result is compared with the reference of its pair. DETERMINISM_FILES (a number or
// "all") and DETERMINISM_ORDERS widen the run; DETERMINISM_SEED changes the orders.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze, ensureShellParser } from '../../../src/engine/node';
import type { AnalyzeOptions } from '../../../src/engine/types';
import { memoSizer } from '../../../src/engine/size';
import { packageSizer } from '../../../src/engine/size/packages';
import { baseImages } from '../../../src/engine/size/catalog';
import { startWorker } from '../../../src/cli/ts-worker';
import { EXAMPLES } from '../../../src/ui/examples';
import { canonical } from './canonical';
import { CORPUS_ABSENT, loadCorpus } from './helpers';

beforeAll(() => ensureShellParser());

/** Options that change what the engine computes, so a memo keyed without them would show. */
const OPTION_SETS: AnalyzeOptions[] = [
  {},
  { context: { hasDockerignore: true, sourceBytes: 40_000_000, hasGit: true, gitBytes: 9_000_000 } },
  { disabledRules: ['apt-no-install-recommends', 'multi-stage'] },
  { rewrite: { disabledSteps: ['multi-stage', 'slim-base-image'] } },
];

interface Task {
  name: string;
  text: string;
  options: AnalyzeOptions;
  optionsIndex: number;
}

const key = (t: Task): string => `${t.name} #${t.optionsIndex}`;

function freshWorkerRun(tasks: Task[]): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const worker = startWorker(new URL('./fresh-worker.ts', import.meta.url), {
      workerData: { tasks: tasks.map((t) => ({ text: t.text, options: t.options })) },
    });
    worker.once('message', (results: string[]) => {
      void worker.terminate();
      resolve(results);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the fresh worker exited with code ${code}`)));
  });
}

/** Runs the workers two at a time (the machine is shared). */
async function inPool<T, R>(items: T[], run: (item: T) => Promise<R>, width = 2): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await run(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, lane));
  return out;
}

function sourceFiles(): { files: { name: string; text: string }[]; origin: string } {
  const corpus = loadCorpus();
  if (corpus) return { files: corpus, origin: 'corpus' };
  console.warn(`${CORPUS_ABSENT}; the determinism test uses the ${EXAMPLES.length} in-repo examples instead`);
  return { files: EXAMPLES.map((e) => ({ name: e.id, text: e.dockerfile })), origin: 'examples' };
}

describe('analysis does not depend on what was analyzed before', () => {
  it('the same Alpine install analyzed three times gives the same sizes (the memo was mutated)', async () => {
    const text = 'FROM node:16-alpine3.14\nRUN apk add --no-cache libheif vips ffmpeg perl darktable\n';
    const sizes: number[] = [];
    for (let i = 0; i < 3; i++) sizes.push((await analyze(text)).estimate.uncompressedBytes);
    expect(new Set(sizes).size, `sizes: ${sizes.join(', ')}`).toBe(1);
  });

  it('memoised package sizes and base package sets are frozen: a caller cannot change them', () => {
    const sizer = memoSizer(packageSizer);
    const r = sizer.osInstall('alpine', '3.20', ['vips', 'perl'], { recommends: false, installed: null });
    expect(() => (r.packages as string[]).push('x')).toThrow(TypeError);
    expect(() => ((r as { installedBytes: number }).installedBytes = 1)).toThrow(TypeError);
    const entry = baseImages.resolve('node:22-bookworm').entry;
    const installed = entry ? baseImages.installedPackages(entry) : null;
    expect(installed?.size).toBeGreaterThan(50);
    expect(() => (installed as Set<string>).add('x')).toThrow(TypeError);
    expect(() => ((entry as { uncompressedBytes: number }).uncompressedBytes = 1)).toThrow(TypeError);
  });

  it('random files in random orders equal a fresh worker analysis of each', async () => {
    const { files, origin } = sourceFiles();
    const seed = Number(process.env.DETERMINISM_SEED ?? 20);
    const wanted = process.env.DETERMINISM_FILES ?? '8';
    const count = wanted === 'all' ? files.length : Math.min(files.length, Number(wanted));
    const orders = Number(process.env.DETERMINISM_ORDERS ?? 3);
    const [picked] = fc.sample(fc.shuffledSubarray(files, { minLength: count, maxLength: count }), {
      seed,
      numRuns: 1,
    });
    const references: Task[] = picked.map((f, i) => ({
      ...f,
      optionsIndex: i % OPTION_SETS.length,
      options: OPTION_SETS[i % OPTION_SETS.length],
    }));
    // A random order of all reference pairs plus noise (the same files with other options).
    const noise = picked.map((f, i) => {
      const optionsIndex = (i + 1) % OPTION_SETS.length;
      return { ...f, optionsIndex, options: OPTION_SETS[optionsIndex] };
    });
    // A random order of the pairs (a sample of them for large runs), reference and noise pairs mixed.
    const pairs = [...references, ...noise];
    const length = Math.min(pairs.length, 24);
    const shuffle = (s: number): Task[] =>
      fc.sample(fc.shuffledSubarray(pairs, { minLength: length, maxLength: length }), {
        seed: s,
        numRuns: 1,
      })[0];

    // Fresh worker i: reference i first, then a random order of everything.
    const workerRuns = await inPool(references, (ref) => {
      const order = [ref, ...shuffle(seed + references.indexOf(ref) + 1)];
      return freshWorkerRun(order).then((results) => ({ order, results }));
    });
    const expected = new Map<string, string>();
    for (const run of workerRuns) expected.set(key(run.order[0]), run.results[0]);

    const mismatches: string[] = [];
    let compared = 0;
    const compare = (task: Task, result: string, where: string): void => {
      const reference = expected.get(key(task));
      if (reference === undefined) return;
      compared++;
      if (result !== reference) mismatches.push(`${key(task)} differs ${where}`);
    };
    for (const [w, run] of workerRuns.entries())
      run.order.forEach(
        (task, i) => i > 0 && compare(task, run.results[i], `in worker ${w} at position ${i}`),
      );
    // In this process (which has run other tests already), more orders.
    const inProcess: Task[] = [];
    for (let o = 0; o < orders; o++) {
      const order = shuffle(seed + 1000 + o);
      inProcess.push(...order);
      for (const [i, task] of order.entries())
        compare(task, canonical(await analyze(task.text, task.options)), `in-process order ${o} at ${i}`);
    }
    console.info(
      `determinism: ${count} ${origin} files × ${OPTION_SETS.length} option sets, ${workerRuns.length} fresh workers + ${orders} in-process orders (seed ${seed}), ${compared} comparisons`,
    );
    expect(mismatches).toEqual([]);
    // Every analysis of a reference pair after the first was compared (noise pairs have none).
    const referenceRuns = [...workerRuns.flatMap((r) => r.order.slice(1)), ...inProcess];
    expect(compared).toBe(referenceRuns.filter((t) => expected.has(key(t))).length);
    expect(compared).toBeGreaterThanOrEqual(count);
  }, 600_000);
});
