// Browser timings in Debian's Chromium against the production build (vite preview): cold loads
// (a new browser each time) and keystroke → updated panels while typing.
// The app exposes: performance marks 'monaco-ready' and 'first-analysis', window.__monacoReady,
// [data-testid=result][data-seq] (incremented after each rendered analysis) and
// window.__analysisDebounceMs (the debounce, excluded from the keystroke figure).
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { median, percentile, round } from './stats';

const ROOT = resolve(import.meta.dirname, '../..');
const PORT = 4391;
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface BrowserReport {
  loads: number;
  firstPaintMs: number;
  monacoReadyMs: number;
  firstAnalysisMs: number;
  keystrokes: number;
  keystrokeP50Ms: number;
  keystrokeP95Ms: number;
}

async function startPreview(): Promise<() => void> {
  const child = spawn(
    resolve(ROOT, 'node_modules/.bin/vite'),
    ['preview', '--port', String(PORT), '--strictPort'],
    {
      cwd: ROOT,
      detached: true,
      stdio: 'ignore',
    },
  );
  const stop = () => {
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      /* already gone */
    }
  };
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${PORT}/`)).ok) return stop;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  stop();
  throw new Error('vite preview did not start');
}

const launch = (): Promise<Browser> =>
  chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });

async function coldLoad(url: string): Promise<{ paint: number; monaco: number; analysis: number }> {
  const browser = await launch();
  try {
    const page = await (await browser.newContext()).newPage();
    await page.goto(url);
    await page.waitForFunction(
      () =>
        performance.getEntriesByName('first-analysis').length > 0 && (window as any).__monacoReady === true,
      null,
      { timeout: 30_000 },
    );
    return await page.evaluate(() => ({
      paint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
      monaco: performance.getEntriesByName('monaco-ready')[0]?.startTime ?? NaN,
      analysis: performance.getEntriesByName('first-analysis')[0]?.startTime ?? NaN,
    }));
  } finally {
    await browser.close();
  }
}

async function typingSession(url: string, edits: number): Promise<number[]> {
  const browser = await launch();
  try {
    const page = await (await browser.newContext()).newPage();
    // The rendered analysis counter, readable from every evaluate() below.
    await page.addInitScript(() => {
      (window as any).seqOf = () =>
        Number(document.querySelector('[data-testid=result]')?.getAttribute('data-seq') ?? 0);
    });
    await page.goto(url);
    await page.waitForFunction(() => (window as any).__monacoReady === true && (window as any).seqOf() > 0);
    await page.click('.monaco-editor .view-lines');
    await page.keyboard.press('Control+End');
    const samples: number[] = [];
    for (let i = 0; i < edits; i++) {
      const seq = await page.evaluate(() => (window as any).seqOf() as number);
      const typedAt = await page.evaluate(() => performance.now());
      await page.keyboard.type(i % 2 ? '#' : 'x');
      const doneAt = await page.waitForFunction(
        (s) => ((window as any).seqOf() > s ? performance.now() : 0),
        seq,
      );
      const debounce = await page.evaluate(() => Number((window as any).__analysisDebounceMs ?? 0));
      samples.push(((await doneAt.jsonValue()) as number) - typedAt - debounce);
    }
    return samples;
  } finally {
    await browser.close();
  }
}

export async function measureBrowser(loads = 5, edits = 30): Promise<BrowserReport> {
  const stop = await startPreview();
  try {
    const url = `http://127.0.0.1:${PORT}/`;
    const runs = [];
    for (let i = 0; i < loads; i++) runs.push(await coldLoad(url));
    const keys = await typingSession(url, edits);
    return {
      loads,
      firstPaintMs: round(median(runs.map((r) => r.paint)), 0),
      monacoReadyMs: round(median(runs.map((r) => r.monaco)), 0),
      firstAnalysisMs: round(median(runs.map((r) => r.analysis)), 0),
      keystrokes: keys.length,
      keystrokeP50Ms: round(median(keys), 1),
      keystrokeP95Ms: round(percentile(keys, 95), 1),
    };
  } finally {
    stop();
  }
}
