// Cold load → first findings, before → after, on a busy shared machine: serves two builds side by
// side (this checkout's dist/ and `--before=<other dist>`), and loads them alternately in plain
// headless Chromium (no DevTools connection, a fresh profile per load), so both see the same load.
// Prints each build's median first paint and first findings, and the ratios after ÷ before.
// Usage: npx tsx scripts/bench/cold-ab.ts --before=/tmp/base/dist [--loads=10]
import { resolve } from 'node:path';
import { loadavg } from 'node:os';
import { plainColdLoad, serveDist, type ColdLoad } from './browser';
import { median, round } from './stats';

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const beforeDist = arg('before');
if (!beforeDist) throw new Error('usage: cold-ab.ts --before=<other checkout>/dist [--loads=10]');
const loads = Number(arg('loads') ?? 10);

const before = await serveDist(resolve(beforeDist));
const after = await serveDist();
const runs: Record<'before' | 'after', ColdLoad[]> = { before: [], after: [] };
for (let i = 0; i < loads; i++) {
  // Alternate which build goes first, so neither always follows the other.
  const order = i % 2 === 0 ? (['before', 'after'] as const) : (['after', 'before'] as const);
  for (const which of order) runs[which].push(await plainColdLoad(which === 'before' ? before : after));
}
before.close();
after.close();

const m = (which: 'before' | 'after', key: keyof ColdLoad) => median(runs[which].map((r) => r[key]));
console.log(
  `machine load average ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' / ')}; ${loads} alternating loads each`,
);
for (const key of ['paint', 'findings'] as const) {
  const b = m('before', key);
  const a = m('after', key);
  console.log(
    `${key.padEnd(8)} before ${round(b)} ms, after ${round(a)} ms, after ÷ before ${round(a / b, 3)}`,
  );
}
const share = (which: 'before' | 'after') => median(runs[which].map((r) => r.findings - r.paint));
console.log(
  `findings − paint (the worker's share): after ÷ before ${round(share('after') / share('before'), 3)}`,
);
process.exit(0);
