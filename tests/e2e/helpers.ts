// Shared helpers for the e2e tests (tests/e2e/*.e2e.ts). A test file typically does:
//
//   const browser = useBrowser();
//   it('...', async () => {
//     const { page, problems } = await openApp(browser());
//     await typeInEditor(page, 'RUNN x\n');
//     await waitForAnalysis(page);
//     expect(problems.all()).toEqual([]);
//   });
import { afterAll, beforeAll, inject } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Frame, type Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const LAUNCH_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function baseURL(): string {
  return inject('baseURL');
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: LAUNCH_ARGS });
}

/** One Chromium for the whole test file; returns a getter usable inside tests. */
export function useBrowser(): () => Browser {
  let browser: Browser | null = null;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('useBrowser(): the browser is not launched yet (call it at the top level)');
    return browser;
  };
}

/** Console errors, page errors, failed requests and requests that leave the local server. */
export class Problems {
  readonly consoleErrors: string[] = [];
  readonly pageErrors: string[] = [];
  readonly failedRequests: string[] = [];
  readonly externalRequests: string[] = [];
  readonly requests: string[] = [];

  constructor(page: Page, origin: string) {
    page.on('console', (msg) => {
      if (msg.type() === 'error') this.consoleErrors.push(msg.text());
    });
    page.on('pageerror', (error) => this.pageErrors.push(error.message));
    page.on('requestfailed', (request) => {
      const reason = request.failure()?.errorText ?? '';
      // Chromium cancels loads still in flight when the page navigates (a reload while the
      // favicon loads): a cancellation, not a failure. Errors, 4xx/5xx and blocks still count.
      if (reason === 'net::ERR_ABORTED') return;
      this.failedRequests.push(`${request.url()} ${reason}`);
    });
    page.on('response', (response) => {
      if (response.status() >= 400) this.failedRequests.push(`${response.url()} HTTP ${response.status()}`);
    });
    const track = (url: string) => {
      this.requests.push(url);
      if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) {
        this.externalRequests.push(url);
      }
    };
    // Context-wide, so requests made by the page's workers (Monaco's and the analyzer) count too.
    page.context().on('request', (request) => track(request.url()));
  }

  /** Everything that went wrong, as lines (empty when the page behaved). */
  all(): string[] {
    return [
      ...this.consoleErrors.map((e) => `console: ${e}`),
      ...this.pageErrors.map((e) => `page: ${e}`),
      ...this.failedRequests.map((e) => `request failed: ${e}`),
      ...this.externalRequests.map((e) => `external request: ${e}`),
    ];
  }
}

export interface OpenOptions {
  path?: string;
  viewport?: { width: number; height: number };
  colorScheme?: 'light' | 'dark';
  /** Wait for Monaco and the first analysis (default true). */
  ready?: boolean;
  /** A phone: touch screen, coarse pointer, no hover. */
  touch?: boolean;
}

export interface OpenedApp {
  context: BrowserContext;
  page: Page;
  problems: Problems;
}

/** A fresh context (empty storage) with the app loaded, Monaco ready and the first result shown. */
export async function openApp(browser: Browser, options: OpenOptions = {}): Promise<OpenedApp> {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1280, height: 800 },
    colorScheme: options.colorScheme ?? 'light',
    ...(options.touch ? { isMobile: true, hasTouch: true } : {}),
  });
  const page = await context.newPage();
  // Generous: the suite must pass on a busy machine (tests/e2e/load.mjs).
  page.setDefaultTimeout(30_000);
  const origin = baseURL();
  const problems = new Problems(page, origin);
  await page.goto(`${origin}${options.path ?? '/'}`);
  if (options.ready !== false) {
    await waitForMonaco(page);
    await waitForAnalysis(page, 0);
  }
  return { context, page, problems };
}

export async function waitForMonaco(page: Page): Promise<void> {
  await page.waitForFunction(() => window.__monacoReady === true, undefined, { timeout: 30_000 });
}

/** The sequence number of the analysis on screen (0 before the first). */
export async function analysisSeq(page: Page): Promise<number> {
  const value = await page.getAttribute('[data-testid=result]', 'data-seq').catch(() => null);
  return value ? Number(value) : 0;
}

/** Waits until an analysis newer than `after` is on screen and nothing is pending; returns its number. */
export async function waitForAnalysis(page: Page, after?: number): Promise<number> {
  const floor = after ?? (await analysisSeq(page));
  await page.waitForFunction(
    (min) => {
      const el = document.querySelector('[data-testid=result]');
      const seq = Number(el?.getAttribute('data-seq') ?? 0);
      return seq > min && !document.querySelector('[data-testid=analyzing]');
    },
    floor,
    { timeout: 30_000 },
  );
  return analysisSeq(page);
}

/**
 * Types into the real Monaco editor with the keyboard (page.fill does not work: Monaco 0.57 uses
 * the EditContext API in Chromium). `replace` selects everything first; `paste` inserts the text in
 * one input event (no auto-indent, no auto-closing), otherwise it is typed key by key.
 */
export async function typeInEditor(
  page: Page,
  text: string,
  options: { replace?: boolean; paste?: boolean; atEnd?: boolean } = {},
): Promise<void> {
  await page.click('.monaco-editor .view-lines');
  if (options.replace) {
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
  } else if (options.atEnd !== false) {
    await page.keyboard.press('Control+End');
  }
  if (options.paste) await page.keyboard.insertText(text);
  else await page.keyboard.type(text);
}

/** Replaces the editor text and waits for its analysis. */
export async function setDockerfile(page: Page, text: string): Promise<number> {
  const before = await analysisSeq(page);
  await typeInEditor(page, text, { replace: true, paste: true });
  return waitForAnalysis(page, before);
}

/** The editor's current text, read from the page's state. */
export async function editorText(page: Page): Promise<string> {
  return page.evaluate(() => window.__editorText?.() ?? '');
}

/**
 * Pastes `text` over the editor's content through the real clipboard (Ctrl+A, Ctrl+V): one input
 * event, as a person pasting a file (keyboard.insertText is far too slow for megabytes).
 */
export async function pasteInEditor(page: Page, text: string): Promise<void> {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL() });
  await page.evaluate((s) => navigator.clipboard.writeText(s), text);
  await page.click('.monaco-editor .view-lines');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+V');
  await page.waitForFunction((n) => window.__editorText?.().length === n, text.length, { timeout: 60_000 });
}

/**
 * Waits until the document has not changed (nodes added, removed or their text edited) for
 * `quietMs`: a condition rather than a sleep, so a slow machine simply waits longer. Rejects when
 * the page keeps changing past `timeoutMs`.
 */
export async function waitForQuiet(target: Page | Frame, quietMs = 300, timeoutMs = 30_000): Promise<void> {
  await target.evaluate(
    ([quiet, limit]) =>
      new Promise<void>((resolve, reject) => {
        const finish = () => {
          observer.disconnect();
          clearTimeout(giveUp);
          resolve();
        };
        let timer = setTimeout(finish, quiet);
        const observer = new MutationObserver(() => {
          clearTimeout(timer);
          timer = setTimeout(finish, quiet);
        });
        observer.observe(document, { subtree: true, childList: true, characterData: true });
        const giveUp = setTimeout(() => {
          observer.disconnect();
          reject(new Error(`the page kept changing for ${limit} ms`));
        }, limit);
      }),
    [quietMs, timeoutMs] as const,
  );
}
