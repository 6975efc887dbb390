// How much work phase 2 repeats: counts, per corpus file, the parses, estimates, rule runs and
// verifier checks that phase 2 (the measured savings and the rewrite) makes, and how many of them
// were of a text (and build-context assumption) already done in that analysis. The functions are
// counted by module hooks (count-hooks.mjs) in the checkout given by --dir (default: this one), so
// a copy of an older commit is counted the same way.
// Usage: npx tsx scripts/bench/phase2-counts.ts [--dir=<checkout>] [--file=<name part>] (--file:
// also print the files whose name contains it, each on its own)
import { register } from 'node:module';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadCorpus } from './corpus';

type Kind = 'parse' | 'estimate' | 'ruleRun' | 'verifyStep' | 'verifyModel' | 'verifyRelational';
const KINDS: Kind[] = ['parse', 'estimate', 'ruleRun', 'verifyStep', 'verifyModel', 'verifyRelational'];

interface Tally {
  calls: Record<Kind, number>;
  repeats: Record<Kind, number>;
  /** Inclusive milliseconds (a verifier step includes its model checks). */
  ms: Record<Kind, number>;
}

const zero = (): Record<Kind, number> => Object.fromEntries(KINDS.map((k) => [k, 0])) as Record<Kind, number>;

let counting = false;
let tally: Tally = { calls: zero(), repeats: zero(), ms: zero() };
let seen = new Map<Kind, Set<string>>();
(globalThis as { __phaseCount?: (kind: Kind, key: string) => void }).__phaseCount = (kind, key) => {
  if (!counting) return;
  tally.calls[kind]++;
  let keys = seen.get(kind);
  if (!keys) seen.set(kind, (keys = new Set()));
  if (keys.has(key)) tally.repeats[kind]++;
  else keys.add(key);
};

(globalThis as { __phaseTime?: (kind: Kind, ms: number) => void }).__phaseTime = (kind, ms) => {
  if (counting) tally.ms[kind] += ms;
};

register(pathToFileURL(resolve(import.meta.dirname, 'count-hooks.mjs')).href);

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const dir = resolve(arg('dir') ?? resolve(import.meta.dirname, '../..'));
const engine = (await import(pathToFileURL(resolve(dir, 'src/engine/node.ts')).href)) as {
  ensureShellParser(): Promise<void>;
  startAnalysis(text: string): { rest: Generator<void, unknown, void> };
};
await engine.ensureShellParser();
const corpus = loadCorpus();
if (!corpus) throw new Error('the corpus (../shared/corpus) is absent');
const only = arg('file');
const files = corpus;
const total: Tally = { calls: zero(), repeats: zero(), ms: zero() };
let phase2 = 0;
for (const f of files) {
  tally = { calls: zero(), repeats: zero(), ms: zero() };
  seen = new Map();
  // Phase 1's own parse and estimate count as seen: phase 2 repeating them is repeated work.
  counting = true;
  const { rest } = engine.startAnalysis(f.text);
  tally = { calls: zero(), repeats: zero(), ms: zero() };
  const t0 = performance.now();
  while (!rest.next().done);
  phase2 += performance.now() - t0;
  counting = false;
  for (const k of KINDS) {
    total.calls[k] += tally.calls[k];
    total.repeats[k] += tally.repeats[k];
    total.ms[k] += tally.ms[k];
  }
  if (only && f.name.includes(only)) {
    const ms = Object.fromEntries(KINDS.map((k) => [k, Math.round(tally.ms[k] * 10) / 10]));
    console.log(f.name, JSON.stringify({ ...tally, ms }));
  }
}
const per = (n: number) => (n / files.length).toFixed(2);
console.log(
  `${files.length} files, phase 2 ${per(phase2)} ms per file (wall-clock); per file: calls / of which repeats of a text already done / inclusive ms (share of phase 2)`,
);
for (const k of KINDS)
  console.log(
    `  ${k.padEnd(17)} ${per(total.calls[k]).padStart(6)} / ${per(total.repeats[k]).padStart(5)} / ${per(total.ms[k]).padStart(6)} ms (${((100 * total.ms[k]) / phase2).toFixed(0)} %)`,
  );
