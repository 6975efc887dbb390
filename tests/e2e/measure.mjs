#!/usr/bin/env node
// Measures the production build (run `npm run build` first):
//   - initial JS (gzip) of index.html and embed.html: the entry scripts and their static imports;
//   - the lazy Monaco chunk, its CSS and the workers (gzip);
//   - cold load in Chromium: a new browser per run, median of N, marks from the page
//     (app-start, monaco-ready, first-analysis).
// Usage: node tests/e2e/measure.mjs [runs=5]
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dist = `${root}dist`;
const runs = Number(process.argv[2] ?? 5);
if (!existsSync(`${dist}/index.html`)) {
  console.error('dist/index.html is missing: run `npm run build` first.');
  process.exit(2);
}

const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
const gz = (file) => gzipSync(readFileSync(`${dist}/${file}`)).length;
const raw = (file) => readFileSync(`${dist}/${file}`).length;

/** Static import closure of a built JS file (what the browser must fetch before running it). */
function closure(file, seen = new Set()) {
  if (seen.has(file)) return seen;
  seen.add(file);
  const code = readFileSync(`${dist}/${file}`, 'utf8');
  for (const m of code.matchAll(
    /(?:^|[;\n}])\s*import\s*(?:[\w${}\s,*]+from\s*)?["']\.\/([\w.-]+\.js)["']/g,
  )) {
    closure(`assets/${m[1]}`, seen);
  }
  return seen;
}

function initialJs(html) {
  const text = readFileSync(`${dist}/${html}`, 'utf8');
  const files = new Set();
  for (const m of text.matchAll(/<script[^>]+src="\/?([^"]+\.js)"/g)) closure(m[1], files);
  for (const m of text.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="\/?([^"]+\.js)"/g))
    closure(m[1], files);
  const list = [...files];
  return {
    files: list,
    raw: list.reduce((s, f) => s + raw(f), 0),
    gzip: list.reduce((s, f) => s + gz(f), 0),
  };
}

console.log('Sizes (gzip at zlib default level; KiB = 1024 bytes)');
for (const html of ['index.html', 'embed.html']) {
  const r = initialJs(html);
  console.log(`  ${html} initial JS: ${kb(r.gzip)} gzip (${kb(r.raw)} min) — ${r.files.join(', ')}`);
}
const assets = readdirSync(`${dist}/assets`);
for (const [label, re] of [
  ['Monaco chunk', /^monaco-.*\.js$/],
  ['Monaco CSS', /^monaco-.*\.css$/],
  ['editor worker', /^editor\.worker-.*\.js$/],
  ['analyzer worker', /^analyzer\.worker-.*\.js$/],
  ['tree-sitter wasm (both)', /\.wasm$/],
]) {
  const files = assets.filter((f) => re.test(f)).map((f) => `assets/${f}`);
  const g = files.reduce((s, f) => s + gz(f), 0);
  const r = files.reduce((s, f) => s + raw(f), 0);
  console.log(`  ${label}: ${kb(g)} gzip (${kb(r)} min)`);
}

// Cold load.
const port = await new Promise((resolve) => {
  const s = createServer();
  s.listen(0, '127.0.0.1', () => {
    const p = s.address().port;
    s.close(() => resolve(p));
  });
});
const server = spawn(
  `${root}node_modules/.bin/vite`,
  ['preview', '--port', String(port), '--strictPort', '--host', '127.0.0.1'],
  {
    cwd: root,
    detached: true,
    stdio: 'ignore',
  },
);
const url = `http://127.0.0.1:${port}/`;
for (let i = 0; i < 100; i++) {
  try {
    if ((await fetch(url)).ok) break;
  } catch {}
  await new Promise((r) => setTimeout(r, 100));
}
const results = [];
try {
  for (let i = 0; i < runs; i++) {
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu'],
    });
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForFunction(
      () => performance.getEntriesByName('first-analysis').length > 0 && window.__monacoReady,
      undefined,
      {
        timeout: 30_000,
      },
    );
    results.push(
      await page.evaluate(() => {
        const mark = (name) => Math.round(performance.getEntriesByName(name)[0]?.startTime ?? NaN);
        const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime;
        return {
          fcp: Math.round(fcp ?? NaN),
          appStart: mark('app-start'),
          monacoReady: mark('monaco-ready'),
          firstAnalysis: mark('first-analysis'),
        };
      }),
    );
    await browser.close();
  }
} finally {
  process.kill(-server.pid, 'SIGTERM');
}
const median = (key) => {
  const v = results.map((r) => r[key]).sort((a, b) => a - b);
  return v[Math.floor(v.length / 2)];
};
console.log(`Cold load, vite preview, new browser per run, median of ${runs} (ms since navigation start)`);
for (const key of ['fcp', 'appStart', 'monacoReady', 'firstAnalysis']) {
  console.log(`  ${key}: ${median(key)} ms   [${results.map((r) => r[key]).join(', ')}]`);
}
