// Issue 8 (hardening): a runaway analysis is stopped by the watchdog and a fresh worker takes over;
// megabytes pasted into the editor get a clear message while the page stays responsive and the
// text stays; a full or disabled localStorage is reported, never silently ignored.
import { afterEach, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import {
  analysisSeq,
  baseURL,
  editorText,
  openApp,
  pasteInEditor,
  setDockerfile,
  typeInEditor,
  useBrowser,
  waitForAnalysis,
  waitForMonaco,
} from './helpers';

const browser = useBrowser();
/** Contexts to close even when a test fails (a runaway page would slow down the next tests). */
const contexts: BrowserContext[] = [];
afterEach(async () => {
  for (const context of contexts.splice(0)) await context.close().catch(() => {});
});

/** Milliseconds a trivial script takes to come back from the page (its main thread is free). */
async function roundTrip(page: Page): Promise<number> {
  const started = Date.now();
  await page.evaluate(() => 1 + 1);
  return Date.now() - started;
}

/**
 * A Dockerfile just under the engine's 256 K-character cap whose analysis takes seconds of CPU
 * (thousands of package-installing RUN lines: size ledger, rules): longer than any watchdog below.
 */
function heavyDockerfile(): string {
  const cap = 256 * 1024 - 64;
  let text = 'FROM debian:12\n';
  for (let i = 0; ; i++) {
    const line = `RUN apt-get update && apt-get install -y curl${i} git wget && rm -rf /tmp/x${i}\n`;
    if (text.length + line.length > cap) break;
    text += line;
  }
  return text;
}

describe('watchdog', () => {
  it('a runaway analysis is stopped, the user is told, the text stays and a new worker takes over', async () => {
    // ?watchdog=<ms> (src/ui/store.svelte.ts) sets the client's watchdog for the page. It has to
    // cover a cold start (worker, wasm) on this machine, so it is derived from a measured one: twice
    // the first analysis's time, which the heavy text below exceeds several times over.
    const first = await openApp(browser());
    const status = (await first.page.textContent('[data-testid=status]')) ?? '';
    const coldMs = Number(/Analyzed in (\d+) ms/.exec(status)?.[1] ?? 1000);
    const watchdogMs = Math.min(20_000, Math.max(1500, 2 * coldMs));
    await first.context.close();
    const { page, context, problems } = await openApp(browser(), { path: `/?watchdog=${watchdogMs}` });
    contexts.push(context);
    const heavy = heavyDockerfile();
    // Analysis workers only (the secrets worker starts with the first edit).
    const analyzers = () => page.workers().filter((w) => /analyzer\.worker/.test(w.url())).length;
    const workersBefore = analyzers();
    await pasteInEditor(page, heavy);
    // The watchdog fires: a message, no result for the heavy text.
    await page.waitForSelector('[data-testid=notice]', { timeout: 120_000 });
    const notice = (await page.textContent('[data-testid=notice]')) ?? '';
    expect(notice).toMatch(/took longer than [\d.]+ s and was stopped/);
    expect(notice).toMatch(/restarted/);
    expect(await page.$('[data-testid=analyzing]')).toBeNull();
    // The page never froze and the text is all there.
    expect(await roundTrip(page)).toBeLessThan(5000);
    expect(await editorText(page)).toBe(heavy);
    // The stopped worker is gone.
    await page.waitForFunction(() => !document.querySelector('[data-testid=analyzing]'), undefined, {
      timeout: 30_000,
    });
    expect(analyzers()).toBeLessThanOrEqual(workersBefore);

    // A new worker analyzes the next edit.
    const seq = await analysisSeq(page);
    await setDockerfile(page, 'FROM alpine:3.20\nRUN apk add curl\n');
    expect(await analysisSeq(page)).toBeGreaterThan(seq);
    expect(await page.textContent('[data-testid=instr-count]')).toBe('2');
    expect(await page.$('[data-testid=notice]')).toBeNull();
    // The worker's termination is not an error on the page.
    expect(problems.pageErrors).toEqual([]);
    await context.close();
  }, 300_000);

  it('?watchdog is clamped: nonsense falls back to the default and analysis works', async () => {
    const { page, context, problems } = await openApp(browser(), { path: '/?watchdog=abc' });
    contexts.push(context);
    await setDockerfile(page, 'FROM alpine:3.20\nRUN apk add curl\n');
    expect(await page.$('[data-testid=notice]')).toBeNull();
    expect(problems.all()).toEqual([]);
    await context.close();
  });
});

describe('megabytes pasted', () => {
  it('3 MB: a clear message, the page stays responsive, the text is kept', async () => {
    const { page, context } = await openApp(browser());
    contexts.push(context);
    const line = 'RUN echo "a line of a file that is far too large to be a Dockerfile" && true\n';
    const big = `FROM alpine\n${line.repeat(Math.ceil((3 * 1024 * 1024) / line.length))}`;
    const seq = await analysisSeq(page);
    await pasteInEditor(page, big);
    expect(await roundTrip(page)).toBeLessThan(5000);
    await waitForAnalysis(page, seq);
    const errors = (await page.textContent('[data-testid=syntax-errors]')) ?? '';
    expect(errors).toMatch(/characters long; the playground analyzes at most 262,144/);
    expect(await roundTrip(page)).toBeLessThan(5000);
    expect((await editorText(page)).length).toBe(big.length);
    // Typing still works and is analyzed after cutting the text back.
    const seq2 = await analysisSeq(page);
    await typeInEditor(page, 'FROM alpine\nRUN echo hi\n', { replace: true, paste: true });
    await waitForAnalysis(page, seq2);
    expect(await page.textContent('[data-testid=instr-count]')).toBe('2');
    await context.close();
  }, 300_000);
});

describe('storage', () => {
  async function openWith(init: () => void): Promise<{ page: Page; close: () => Promise<void> }> {
    const context = await browser().newContext({ viewport: { width: 1280, height: 800 } });
    contexts.push(context);
    await context.addInitScript(init);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${baseURL()}/`);
    await waitForMonaco(page);
    await waitForAnalysis(page, 0);
    return {
      page,
      close: async () => {
        expect(errors).toEqual([]);
        await context.close();
      },
    };
  }

  it('a full storage (quota errors): the user is told and the text stays in the editor', async () => {
    const { page, close } = await openWith(() => {
      Storage.prototype.setItem = function () {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
    });
    const text = 'FROM alpine:3.20\nRUN apk add --no-cache curl\n';
    await setDockerfile(page, text);
    await page.waitForSelector('[data-testid=storage-problem]', { timeout: 10_000 });
    expect(await page.textContent('[data-testid=storage-problem]')).toMatch(/full|not being saved/);
    expect(await editorText(page)).toBe(text);
    await close();
  });

  it('storage turned off (access throws): the user is told, the app still works', async () => {
    const { page, close } = await openWith(() => {
      Object.defineProperty(window, 'localStorage', {
        configurable: true,
        get() {
          throw new DOMException('Access is denied for this document.', 'SecurityError');
        },
      });
    });
    await page.waitForSelector('[data-testid=storage-problem]', { timeout: 10_000 });
    expect(await page.textContent('[data-testid=storage-problem]')).toMatch(/does not let this page save/);
    const text = 'FROM alpine:3.20\nUSER nobody\n';
    await setDockerfile(page, text);
    expect(await editorText(page)).toBe(text);
    expect(await page.textContent('[data-testid=instr-count]')).toBe('2');
    await close();
  });
});
