// `npm run determinism`: the whole-corpus determinism check of issue 20. Each corpus file is
// analyzed alone in a fresh worker thread (no module state from any earlier analysis): that is its
// reference. Then this process analyzes all files one after another, in several orders (sorted,
// reversed, then seeded shuffles), and every result is compared byte for byte (timing aside) with
// the file's reference. Prints the counts and the files that differ; exits 1 on any difference.
// Options: --orders=N (default 3), --seed=N, --jobs=N (fresh workers at a time, default 2),
// --files=N (the first N files only). Without ../shared it says so and exits 0.
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { build } from 'vite';
import { analyze, ensureShellParser } from '../src/engine/node';
import { canonical } from '../tests/unit/hardening/canonical';
import { CORPUS_DIR, loadCorpus, type CorpusFile } from './bench/corpus';

const arg = (name: string, fallback: number): number =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const orders = arg('orders', 3);
const seed = arg('seed', 20);
const jobs = arg('jobs', 2);

const corpus = loadCorpus();
if (!corpus) {
  console.log(`determinism: corpus folder ${CORPUS_DIR} is absent; nothing to check (skipped).`);
  process.exit(0);
}
const files = corpus.slice(0, arg('files', corpus.length));

// The fresh worker (tests/unit/hardening/fresh-worker.ts) bundled once to plain JavaScript: a
// worker that compiled the TypeScript engine itself would take seconds per file on a busy machine.
// The bundle sits under node_modules/.cache so that the engine finds its wasm files from there.
const bundleDir = join(import.meta.dirname, '../node_modules/.cache/determinism');
const external = ['dockerfile-ast', 'web-tree-sitter', 'tree-sitter-bash', ...builtinModules];
await build({
  configFile: false,
  logLevel: 'warn',
  publicDir: false,
  build: {
    target: 'node20',
    ssr: true,
    outDir: bundleDir,
    emptyOutDir: true,
    minify: false,
    lib: { entry: join(import.meta.dirname, '../tests/unit/hardening/fresh-worker.ts'), formats: ['es'] },
    rollupOptions: {
      external: (id) => id.startsWith('node:') || external.some((e) => id === e || id.startsWith(`${e}/`)),
      output: { entryFileNames: 'fresh-worker.mjs', codeSplitting: false },
    },
  },
});
const workerFile = join(bundleDir, 'fresh-worker.mjs');

/** One file analyzed alone in a fresh worker. */
function aloneInFreshWorker(file: CorpusFile): Promise<string> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerFile, { workerData: { tasks: [{ text: file.text, options: {} }] } });
    worker.once('message', ([result]: string[]) => {
      void worker.terminate();
      resolve(result);
    });
    worker.once('error', reject);
    worker.once('exit', (code) =>
      reject(new Error(`the fresh worker for ${file.name} exited with code ${code}`)),
    );
  });
}

// A seeded shuffle (mulberry32 + Fisher-Yates), so an order that fails can be replayed.
function shuffled<T>(items: T[], s: number): T[] {
  let state = s >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

const started = performance.now();
const reference = new Map<string, string>();
let next = 0;
await Promise.all(
  Array.from({ length: Math.min(jobs, files.length) }, async () => {
    while (next < files.length) {
      const file = files[next++];
      reference.set(file.name, await aloneInFreshWorker(file));
    }
  }),
);
const workerSeconds = (performance.now() - started) / 1000;

await ensureShellParser();
const orderList: CorpusFile[][] = [files, [...files].reverse()];
for (let o = 2; o < orders; o++) orderList.push(shuffled(files, seed + o));
const differing = new Map<string, string[]>();
let comparisons = 0;
for (const [o, order] of orderList.slice(0, orders).entries()) {
  for (const [position, file] of order.entries()) {
    const result = canonical(await analyze(file.text));
    comparisons++;
    if (result !== reference.get(file.name)) {
      const where = differing.get(file.name) ?? [];
      where.push(`order ${o} position ${position}`);
      differing.set(file.name, where);
    }
  }
}
console.log(
  `determinism: ${files.length} corpus files, each analyzed alone in a fresh worker (${workerSeconds.toFixed(0)} s), then ${Math.min(orders, orderList.length)} orders in one process (sorted, reversed, shuffled with seed ${seed}): ${comparisons} comparisons, ${differing.size} files differ`,
);
for (const [name, where] of differing) console.log(`  ${name}: differs at ${where.join(', ')}`);
process.exit(differing.size > 0 ? 1 : 0);
