// Keystroke → phase-1 panels on one large Dockerfile, this build against another, before → after in
// ONE run (a busy shared machine makes runs minutes apart incomparable). Both builds are served,
// the file is opened in each by a permalink, a comment line is added at its end, and letters are
// typed into it in alternating blocks, each keystroke timed until its phase 1 is on screen, the
// debounce excluded. The next letter goes in a pause after phase 1 is shown, the pauses spread
// evenly over 0 to --pause ms (the same series for both builds), so its request reaches the worker
// at every point of the previous text's phase 2: the figure is how long a phase 1 waits behind
// phase 2 when a typist pauses anywhere. Between blocks the page is left to finish its last analysis, so the idle page
// never competes with the one being typed in.
// Usage: npm run build, extract and build the other checkout, then
//   npx tsx scripts/bench/keystroke.ts --base=<other checkout> [--file=<Dockerfile>] [--keys=40] [--block=5] [--pause=1000]
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { buildPermalink } from '../../src/share/permalink';
import { launch, serveDist, type AppWindow } from './browser';
import { median, percentile, round } from './stats';

const MOBY = resolve(
  import.meta.dirname,
  '../../../shared/corpus/dockerfiles/065-moby-moby-dockerfile.Dockerfile',
);

interface Counters {
  phase1: number;
  full: number;
}

const counters = (page: Page): Promise<Counters> =>
  page.evaluate(() => {
    const el = document.querySelector('[data-testid=result]');
    return {
      phase1: Number(el?.getAttribute('data-phase1-seq') ?? 0),
      full: Number(el?.getAttribute('data-seq') ?? 0),
    };
  });

/** Opens the file in a build and puts the cursor in a fresh comment line at its end. */
async function open(page: Page, url: string): Promise<number> {
  await page.goto(url);
  await page.waitForFunction(
    () => {
      const el = document.querySelector('[data-testid=result]');
      return (
        (window as unknown as AppWindow).__monacoReady === true && Number(el?.getAttribute('data-seq')) > 0
      );
    },
    null,
    { timeout: 120_000 },
  );
  await page.click('.monaco-editor .view-lines');
  await page.keyboard.press('Control+End');
  const before = await counters(page);
  // A comment keeps the file valid, so every keystroke's phase 2 has a rewrite to run.
  await page.keyboard.press('Enter');
  await page.keyboard.type('# ');
  await settle(page, before.full);
  return page.evaluate(() => Number((window as unknown as AppWindow).__analysisDebounceMs ?? 0));
}

/** Waits for the full analysis of the text as it is now. */
async function settle(page: Page, fullBefore: number): Promise<void> {
  await page.waitForFunction(
    (n) => Number(document.querySelector('[data-testid=result]')?.getAttribute('data-seq')) > n,
    fullBefore,
    { timeout: 120_000 },
  );
}

/** Types a letter after each pause (ms after the previous phase 1 is shown); ms per keystroke. */
async function typeBlock(page: Page, pauses: number[], debounce: number): Promise<number[]> {
  const start = await counters(page);
  const samples: number[] = [];
  for (let i = 0; i < pauses.length; i++) {
    const { phase1 } = await counters(page);
    await page.waitForTimeout(pauses[i]);
    const typedAt = await page.evaluate(() => performance.now());
    await page.keyboard.type('abcdefghij'[i % 10]);
    const shownAt = await page.waitForFunction(
      (n) => {
        const el = document.querySelector('[data-testid=result]');
        return Number(el?.getAttribute('data-phase1-seq')) > n ? performance.now() : 0;
      },
      phase1,
      { polling: 'raf', timeout: 60_000 },
    );
    samples.push(((await shownAt.jsonValue()) as number) - typedAt - debounce);
  }
  await settle(page, start.full);
  return samples;
}

async function main(): Promise<void> {
  const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  const base = arg('base');
  if (!base)
    throw new Error('usage: keystroke.ts --base=<other checkout, built> [--file=] [--keys=] [--block=]');
  const file = arg('file') ?? MOBY;
  const keys = Number(arg('keys') ?? 40);
  const block = Number(arg('block') ?? 5);
  const pause = Number(arg('pause') ?? 1000);
  // Block k pauses at (k + j * blocks) / keys of the longest pause: every block spans the range.
  const blocks = Math.ceil(keys / block);
  const pausesOf = (k: number) =>
    Array.from({ length: block }, (_, j) => Math.round((pause * ((k + j * blocks) % keys)) / keys));
  const text = readFileSync(file, 'utf8');
  const servers = {
    before: await serveDist(resolve(base, 'dist')),
    after: await serveDist(resolve(import.meta.dirname, '../../dist')),
  };
  const browser = await launch();
  try {
    const pages = {} as Record<'before' | 'after', { page: Page; debounce: number }>;
    for (const name of ['before', 'after'] as const) {
      const page = await (await browser.newContext()).newPage();
      const debounce = await open(page, buildPermalink(servers[name].url, { dockerfile: text, options: {} }));
      await typeBlock(page, pausesOf(0), debounce); // warm-up, not counted
      pages[name] = { page, debounce };
    }
    const samples = { before: [] as number[], after: [] as number[] };
    for (let done = 0, k = 0; done < keys; done += block, k++)
      for (const name of k % 2 ? (['before', 'after'] as const) : (['after', 'before'] as const))
        samples[name].push(...(await typeBlock(pages[name].page, pausesOf(k), pages[name].debounce)));
    const stats = (s: number[]) => ({
      mean: round(s.reduce((x, y) => x + y, 0) / s.length, 1),
      p50: round(median(s), 1),
      p95: round(percentile(s, 95), 1),
      max: round(Math.max(...s), 1),
    });
    const b = stats(samples.before);
    const a = stats(samples.after);
    console.log(
      `${file.split('/').pop()} (${text.length} chars), ${samples.after.length} keystrokes per build, pauses 0–${pause} ms, debounce excluded`,
    );
    // Timings on a busy machine are not comparable with idle ones: say how busy it was.
    console.log(
      `load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' / ')} (1 / 5 / 15 min)`,
    );
    console.log(`before: mean ${b.mean} ms, p50 ${b.p50} ms, p95 ${b.p95} ms, max ${b.max} ms`);
    console.log(`after:  mean ${a.mean} ms, p50 ${a.p50} ms, p95 ${a.p95} ms, max ${a.max} ms`);
    const r = (x: number, y: number) => round(x / y, 2);
    console.log(
      `after ÷ before: mean ${r(a.mean, b.mean)}, p50 ${r(a.p50, b.p50)}, p95 ${r(a.p95, b.p95)}, max ${r(a.max, b.max)}`,
    );
  } finally {
    await browser.close();
    servers.before.close();
    servers.after.close();
  }
}

await main();
