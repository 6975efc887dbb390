// Where a cold load's time goes: loads this checkout's dist/ once in Chromium with tracing on and
// prints, in milliseconds from navigation, the page's own requests (sent, answered, finished), the
// analysis worker's and the page's tasks of 8 ms or more (compile, evaluate, microtasks), and the
// first-findings mark. Through DevTools, so every figure is somewhat inflated; for the order of
// events, not for budgets (those are scripts/bench/browser.ts and cold-ab.ts).
// Usage: npx tsx scripts/bench/cold-trace.ts [--save=/tmp/trace.json]
import { writeFileSync } from 'node:fs';
import { launch, serveDist } from './browser';

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { url?: string; requestId?: string } };
}

const server = await serveDist();
const browser = await launch();
const page = await (await browser.newContext()).newPage();
await browser.startTracing(page, { categories: ['devtools.timeline', 'v8', 'loading', 'blink.user_timing'] });
await page.goto(server.url);
await page.waitForFunction(() => performance.getEntriesByName('first-findings').length > 0, null, {
  timeout: 120_000,
});
const findings = await page.evaluate(() => performance.getEntriesByName('first-findings')[0].startTime);
const buffer = await browser.stopTracing();
await browser.close();
server.close();
const save = process.argv.find((a) => a.startsWith('--save='))?.slice(7);
if (save) writeFileSync(save, buffer);

const events = (JSON.parse(buffer.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
const threads = new Map(
  events.filter((e) => e.name === 'thread_name').map((e) => [`${e.pid}:${e.tid}`, e.args?.name ?? '']),
);
const t0 = Math.min(...events.filter((e) => e.name === 'navigationStart').map((e) => e.ts));
const ms = (ts: number) => String(Math.round((ts - t0) / 1000)).padStart(5);
const lines: [number, string][] = [];
const requests = new Map<string, { url: string; sent: number; answered?: number; finished?: number }>();
for (const e of events) {
  const data = e.args?.data;
  const r = data?.requestId ? requests.get(data.requestId) : undefined;
  if (e.name === 'ResourceSendRequest' && data?.requestId && data.url?.startsWith(server.url))
    requests.set(data.requestId, { url: data.url.slice(server.url.length) || '/', sent: e.ts });
  else if (r && e.name === 'ResourceReceiveResponse') r.answered = e.ts;
  else if (r && e.name === 'ResourceFinish') r.finished = e.ts;
  const thread = threads.get(`${e.pid}:${e.tid}`) ?? '';
  const ours = /CrRendererMain|DedicatedWorker/.test(thread);
  if (
    ours &&
    e.ph === 'X' &&
    (e.dur ?? 0) >= 8000 &&
    /^(v8\.|FunctionCall|RunMicrotasks|Layout|HandlePostMessage|EvaluateScript)/.test(e.name)
  )
    lines.push([
      e.ts,
      `${ms(e.ts)} ${String(Math.round(e.dur! / 1000)).padStart(5)} ms  ${thread.startsWith('Ded') ? 'worker' : 'page  '}  ${e.name} ${data?.url?.split('/').pop() ?? ''}`,
    ]);
}
for (const r of requests.values())
  lines.push([
    r.sent,
    `${ms(r.sent)} request ${r.url}: answered at ${r.answered ? ms(r.answered) : '  —'}, done at ${r.finished ? ms(r.finished) : '  —'}`,
  ]);
lines.sort((a, b) => a[0] - b[0]);
console.log(lines.map(([, l]) => l).join('\n'));
console.log(`first findings on screen at ${Math.round(findings)} ms`);
process.exit(0);
