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

const SMALL = 'FROM alpine:3.20\nRUN apk add curl\n';

/** Milliseconds from replacing the text to its analysis on screen (debounce included). */
async function timedEdit(page: Page, text: string): Promise<number> {
  const started = Date.now();
  await setDockerfile(page, text);
  return Date.now() - started;
}

describe('watchdog', () => {
  it('a runaway analysis is stopped after the stated limit, the user is told, the text stays and a new worker takes over', async () => {
    // `?testhooks=1` lets a text starting with `# test-hook: spin` run forever in the worker
    // (workers/analyzer.worker.ts): a runaway whose length does not depend on this machine's
    // speed. `?watchdog=` may only make the limit stricter than the default 5 s.
    const watchdogMs = 1000;
    const { page, context, problems } = await openApp(browser(), {
      path: `/?watchdog=${watchdogMs}&testhooks=1`,
    });
    contexts.push(context);
    // Calibration on this machine, now: an ordinary edit's round trip (the slowest of three).
    let calibrationMs = 0;
    for (const text of [SMALL, `${SMALL}EXPOSE 80\n`, SMALL])
      calibrationMs = Math.max(calibrationMs, await timedEdit(page, text));
    // Analysis workers only (the secrets worker starts with the first edit).
    const analyzers = () => page.workers().filter((w) => /analyzer\.worker/.test(w.url())).length;
    const workersBefore = analyzers();

    const runaway = '# test-hook: spin\nFROM alpine:3.20\nRUN apk add curl\n';
    const started = Date.now();
    await typeInEditor(page, runaway, { replace: true, paste: true });
    await page.waitForSelector('[data-testid=notice]', { timeout: 60_000 });
    const stoppedAfterMs = Date.now() - started;
    // Stopped no sooner than the limit and within it plus a few ordinary round trips — not after
    // the 20 s start-up allowance a fresh worker used to get.
    expect(stoppedAfterMs).toBeGreaterThanOrEqual(watchdogMs);
    expect(stoppedAfterMs).toBeLessThan(watchdogMs + 4 * calibrationMs + 1000);
    const notice = (await page.textContent('[data-testid=notice]')) ?? '';
    expect(notice).toMatch(/took longer than 1 s and was stopped/);
    expect(notice).toMatch(/restarted/);
    expect(await page.$('[data-testid=analyzing]')).toBeNull();
    // The page never froze and the text is all there.
    expect(await roundTrip(page)).toBeLessThan(5000);
    expect(await editorText(page)).toBe(runaway);
    await page.waitForFunction(() => !document.querySelector('[data-testid=analyzing]'), undefined, {
      timeout: 30_000,
    });
    expect(analyzers()).toBeLessThanOrEqual(workersBefore);

    // A new worker analyzes the next edit: its first analysis (after its start-up) is timed with
    // the same 1 s limit and passes.
    const seq = await analysisSeq(page);
    await setDockerfile(page, SMALL);
    expect(await analysisSeq(page)).toBeGreaterThan(seq);
    expect(await page.textContent('[data-testid=instr-count]')).toBe('2');
    expect(await page.$('[data-testid=notice]')).toBeNull();

    // A runaway in phase 2: phase 1's findings are on screen, then the watchdog stops the rest.
    const phase1Seq = Number(await page.getAttribute('[data-testid=result]', 'data-phase1-seq'));
    await typeInEditor(page, '# test-hook: spin phase2\nFROM alpine:3.20\n', { replace: true, paste: true });
    await page.waitForFunction(
      (n) => Number(document.querySelector('[data-testid=result]')?.getAttribute('data-phase1-seq')) > n,
      phase1Seq,
      { timeout: 30_000 },
    );
    expect(await page.textContent('[data-testid=instr-count]')).toBe('1');
    await page.waitForSelector('[data-testid=notice]', { timeout: 60_000 });
    expect(await page.textContent('[data-testid=instr-count]')).toBe('1');
    expect(await page.$('[data-testid=phase2-pending]')).toBeNull();
    // The worker's termination is not an error on the page.
    expect(problems.pageErrors).toEqual([]);
    await context.close();
  }, 300_000);

  it('?watchdog is clamped: nonsense and a longer limit fall back to the default and analysis works', async () => {
    for (const query of ['abc', '600000']) {
      const { page, context, problems } = await openApp(browser(), {
        path: `/?watchdog=${query}&testhooks=1`,
      });
      contexts.push(context);
      await setDockerfile(page, SMALL);
      expect(await page.$('[data-testid=notice]')).toBeNull();
      expect(problems.all()).toEqual([]);
      if (query === '600000') {
        // A runaway is still stopped after the default 5 s, not the link's 600 s.
        await typeInEditor(page, '# test-hook: spin\nFROM alpine\n', { replace: true, paste: true });
        await page.waitForSelector('[data-testid=notice]', { timeout: 60_000 });
        expect((await page.textContent('[data-testid=notice]')) ?? '').toMatch(/longer than 5 s/);
      }
      await context.close();
    }
  }, 120_000);
});

describe('two phases', () => {
  it('shows phase 1 first (with a pending sign), then phase 2', async () => {
    const { page, context, problems } = await openApp(browser());
    contexts.push(context);
    // Record every change of the two counters, in order, from inside the page.
    await page.evaluate(() => {
      const el = document.querySelector('[data-testid=result]')!;
      const log: string[] = [];
      (window as unknown as { __phaseLog: string[] }).__phaseLog = log;
      new MutationObserver(() => {
        const pending = !!document.querySelector('[data-testid=phase2-pending]');
        log.push(
          `${el.getAttribute('data-phase1-seq')}/${el.getAttribute('data-seq')}/${pending ? 'pending' : 'done'}`,
        );
      }).observe(document.body, { attributes: true, subtree: true, childList: true });
    });
    const seq = await analysisSeq(page);
    const p1 = Number(await page.getAttribute('[data-testid=result]', 'data-phase1-seq'));
    await setDockerfile(
      page,
      'FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm install\nCMD ["node", "index.js"]\n',
    );
    const log = await page.evaluate(() => (window as unknown as { __phaseLog: string[] }).__phaseLog);
    // Phase 1 of the new text was on screen (pending) before its phase 2.
    const quickAt = log.indexOf(`${p1 + 1}/${seq}/pending`);
    const fullAt = log.indexOf(`${p1 + 1}/${seq + 1}/done`);
    expect(quickAt).toBeGreaterThanOrEqual(0);
    expect(fullAt).toBeGreaterThan(quickAt);
    // Phase 2 brought the rewrite.
    expect(await page.$('[data-testid=phase2-pending]')).toBeNull();
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
