// Browser timings in Debian's Chromium against the production build (dist/, served by a small
// static server here).
// - Cold loads WITHOUT DevTools: Chromium is started as a plain headless process, no debugging
//   connection (a DevTools connection makes the browser re-parse every script for the debugger,
//   which inflates start-up); a reporter script the server adds to the page posts the page's
//   performance marks back. A fresh profile per load.
// - Cold loads through Playwright (a DevTools connection) idle and with the CPU throttled ×4
//   (Emulation.setCPUThrottlingRate: the "busy machine" figure); the idle one beside the plain
//   figure shows what the connection itself costs.
// - Keystroke → updated phase-1 panels while typing, the debounce excluded.
// The app exposes: performance marks 'first-findings' (phase 1 on screen), 'first-analysis' (both
// phases), 'monaco-ready'; window.__monacoReady; [data-testid=result][data-phase1-seq] and
// [data-seq] (incremented after each rendered phase 1 / full analysis); window.__analysisDebounceMs.
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { median, percentile, round } from './stats';

const DIST = resolve(import.meta.dirname, '../../dist');
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--no-default-browser-check',
];

/** What the app puts on window for tests and benchmarks. */
export interface AppWindow {
  __monacoReady?: boolean;
  __analysisDebounceMs?: number;
}

export interface ColdLoad {
  paint: number;
  /** Phase 1 on screen (the full analysis on a build without phases). */
  findings: number;
  analysis: number;
  monaco: number;
}

export interface BrowserReport {
  loads: number;
  /** Medians of cold loads by a plain Chromium process (no DevTools connection). */
  plain: ColdLoad;
  /** Medians through Playwright's DevTools connection, idle. */
  devtools: ColdLoad;
  /** Medians through Playwright with the CPU throttled ×4. */
  throttled: ColdLoad;
  keystrokes: number;
  keystrokeP50Ms: number;
  keystrokeP95Ms: number;
  debounceMs: number;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ttf': 'font/ttf',
  '.woff2': 'font/woff2',
  '.webmanifest': 'application/manifest+json',
};

/** Posts the page's marks to /__bench-report once the first analysis and Monaco are in. */
const REPORTER = `
const seen = () => ['first-analysis', 'monaco-ready'].every((n) => performance.getEntriesByName(n).length);
const at = (n) => performance.getEntriesByName(n)[0]?.startTime ?? null;
const send = () => fetch('/__bench-report', { method: 'POST', body: JSON.stringify({
  paint: at('first-contentful-paint'), findings: at('first-findings') ?? at('first-analysis'),
  analysis: at('first-analysis'), monaco: at('monaco-ready') }) });
const observer = new PerformanceObserver(() => { if (seen()) { observer.disconnect(); send(); } });
observer.observe({ type: 'mark', buffered: true });
`;

export interface StaticServer {
  url: string;
  /** Resolves with the next report a page posts. */
  nextReport(): Promise<ColdLoad>;
  close(): void;
}

/** Serves a build (this checkout's dist/ unless told otherwise), with the bench reporter on demand. */
export async function serveDist(dist = DIST): Promise<StaticServer> {
  let waiting: ((load: ColdLoad) => void) | null = null;
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/__bench-report') {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        res.end('ok');
        waiting?.(JSON.parse(body) as ColdLoad);
        waiting = null;
      });
      return;
    }
    if (url.pathname === '/__bench-report.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(REPORTER);
      return;
    }
    const path = normalize(
      join(dist, url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname)),
    );
    if (!path.startsWith(dist) || !existsSync(path) || statSync(path).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    let body: Buffer | string = readFileSync(path);
    if (path.endsWith('index.html') && url.searchParams.has('bench-report'))
      body = body
        .toString('utf8')
        .replace('</head>', '<script type="module" src="/__bench-report.js"></script></head>');
    res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/`,
    nextReport: () => new Promise((r) => (waiting = r)),
    close: () => server.close(),
  };
}

/** One cold load by a plain headless Chromium process: no DevTools connection at all. */
export async function plainColdLoad(server: StaticServer): Promise<ColdLoad> {
  const profile = mkdtempSync(join(tmpdir(), 'bench-chromium-'));
  const report = server.nextReport();
  const child = spawn(
    CHROMIUM,
    ['--headless', ...CHROMIUM_ARGS, `--user-data-dir=${profile}`, `${server.url}?bench-report`],
    // Its own process group: the browser's helper processes end with it.
    { stdio: 'ignore', detached: true },
  );
  const exited = new Promise((r) => child.once('exit', r));
  try {
    return await Promise.race([
      report,
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no report within 60 s')), 60_000)),
    ]);
  } finally {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
    await exited;
    rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  }
}

export const launch = (): Promise<Browser> =>
  chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });

/** One cold load through Playwright (DevTools), the CPU throttled by `rate` (1: not throttled). */
async function devtoolsColdLoad(url: string, rate: number): Promise<ColdLoad> {
  const browser = await launch();
  try {
    const page = await (await browser.newContext()).newPage();
    if (rate !== 1) {
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate });
    }
    await page.goto(url);
    await page.waitForFunction(
      () =>
        performance.getEntriesByName('first-analysis').length > 0 &&
        (window as unknown as AppWindow).__monacoReady === true,
      null,
      { timeout: 120_000 },
    );
    // A string, not a function: the TypeScript loader would wrap inner helpers in names the page lacks.
    return (await page.evaluate(`(() => {
      const at = (n) => performance.getEntriesByName(n)[0]?.startTime ?? NaN;
      const findings = performance.getEntriesByName('first-findings').length ? 'first-findings' : 'first-analysis';
      return { paint: at('first-contentful-paint'), findings: at(findings), analysis: at('first-analysis'), monaco: at('monaco-ready') };
    })()`)) as ColdLoad;
  } finally {
    await browser.close();
  }
}

/** Keystroke → phase-1 panels updated (the full analysis on a build without phases), debounce excluded. */
async function typingSession(url: string, edits: number): Promise<{ samples: number[]; debounce: number }> {
  const browser = await launch();
  try {
    const page = await (await browser.newContext()).newPage();
    // The counter of rendered phase-1 results (or of analyses), readable from every evaluate() below.
    await page.addInitScript(() => {
      (window as unknown as { seqOf: () => number }).seqOf = () => {
        const el = document.querySelector('[data-testid=result]');
        return Number(el?.getAttribute('data-phase1-seq') ?? el?.getAttribute('data-seq') ?? 0);
      };
    });
    const seqOf = () => page.evaluate(() => (window as unknown as { seqOf: () => number }).seqOf());
    await page.goto(url);
    await page.waitForFunction(
      () =>
        (window as unknown as AppWindow).__monacoReady === true &&
        (window as unknown as { seqOf: () => number }).seqOf() > 0,
    );
    await page.click('.monaco-editor .view-lines');
    await page.keyboard.press('Control+End');
    const debounce = await page.evaluate(() =>
      Number((window as unknown as AppWindow).__analysisDebounceMs ?? 0),
    );
    const samples: number[] = [];
    for (let i = 0; i < edits; i++) {
      const seq = await seqOf();
      const typedAt = await page.evaluate(() => performance.now());
      await page.keyboard.type(i % 2 ? '#' : 'x');
      const doneAt = await page.waitForFunction(
        (s) => {
          const w = window as unknown as { seqOf: () => number };
          return w.seqOf() > s ? performance.now() : 0;
        },
        seq,
        { polling: 'raf' },
      );
      samples.push(((await doneAt.jsonValue()) as number) - typedAt - debounce);
    }
    return { samples, debounce };
  } finally {
    await browser.close();
  }
}

function medians(runs: ColdLoad[]): ColdLoad {
  const m = (k: keyof ColdLoad) => round(median(runs.map((r) => r[k] ?? NaN)), 0);
  return { paint: m('paint'), findings: m('findings'), analysis: m('analysis'), monaco: m('monaco') };
}

export async function measureBrowser(loads = 5, edits = 30): Promise<BrowserReport> {
  if (!existsSync(join(DIST, 'index.html')))
    throw new Error('dist/index.html is missing: run `npm run build` first.');
  const server = await serveDist();
  try {
    const plain: ColdLoad[] = [];
    const devtools: ColdLoad[] = [];
    const throttled: ColdLoad[] = [];
    // Interleaved, so that a busy moment of the machine hits all three alike.
    for (let i = 0; i < loads; i++) {
      plain.push(await plainColdLoad(server));
      devtools.push(await devtoolsColdLoad(server.url, 1));
      throttled.push(await devtoolsColdLoad(server.url, 4));
    }
    const keys = await typingSession(server.url, edits);
    return {
      loads,
      plain: medians(plain),
      devtools: medians(devtools),
      throttled: medians(throttled),
      keystrokes: keys.samples.length,
      keystrokeP50Ms: round(median(keys.samples), 1),
      keystrokeP95Ms: round(percentile(keys.samples, 95), 1),
      debounceMs: keys.debounce,
    };
  } finally {
    server.close();
  }
}
