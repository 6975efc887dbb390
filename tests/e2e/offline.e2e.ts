// Offline: after the first visit the service worker has cached the whole build (pages, JS, CSS,
// workers, wasm, data, Monaco), so with the network gone the app reloads, analyzes and edits, and
// the embed opens too.
import { describe, expect, it } from 'vitest';
import { encodeState } from '../../src/share/permalink';
import { analyzeSync, shellParserLoaded } from '../../src/engine/node';
import { formatBytes } from '../../src/ui/format';
import { baseURL, editorText, setDockerfile, useBrowser, waitForAnalysis, waitForMonaco } from './helpers';

const browser = useBrowser();

describe('offline', () => {
  it('reloads and works with no network once the service worker took control', async () => {
    const context = await browser().newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${baseURL()}/?watchdog=30000`);
    await waitForMonaco(page);
    await waitForAnalysis(page, 0);
    // The worker installs (precaches everything), activates and claims the page. (A synchronous
    // check: waitForFunction does not await a promise that the predicate returns.)
    await page.waitForFunction(() => !!navigator.serviceWorker.controller, undefined, {
      timeout: 60_000,
      polling: 250,
    });
    const cached = await page.evaluate(async () => {
      const keys = await caches.keys();
      const cache = await caches.open(keys.find((k) => k.startsWith('dockerfile-playground-'))!);
      return (await cache.keys()).map((r) => new URL(r.url).pathname);
    });
    expect(cached).toContain('/index.html');
    expect(cached.some((p) => p.endsWith('.wasm'))).toBe(true);
    expect(cached.some((p) => /monaco.*\.js$/.test(p))).toBe(true);

    await context.setOffline(true);
    const link = `${baseURL()}/?watchdog=30000#${encodeState({ dockerfile: 'FROM alpine:3.20\nRUN apk add curl\n', options: {} })}`;
    await page.goto(link);
    await page.reload();
    await waitForMonaco(page);
    await waitForAnalysis(page, 0);
    expect(await editorText(page)).toBe('FROM alpine:3.20\nRUN apk add curl\n');
    expect(await page.textContent('[data-testid=instr-count]')).toBe('2');

    // A Debian package step reads its suite's package table, a file of its own the worker
    // requests on first use: offline, the service worker answers it with the very sizes of Node.
    await shellParserLoaded;
    const apt = 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y curl git\n';
    await setDockerfile(page, apt);
    await expect
      .poll(() => page.textContent('[data-testid=size-total]'), { timeout: 30_000 })
      .toBe(formatBytes(analyzeSync(apt).estimate.uncompressedBytes));

    // The embed page (with its query options) opens offline too.
    const embed = await context.newPage();
    await embed.goto(
      `${baseURL()}/embed.html?panel=findings#${encodeState({ dockerfile: 'FROM node:20\n', options: {} })}`,
    );
    await embed.waitForSelector('[data-testid=embed-summary]', { timeout: 60_000 });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('registers only after the first result, when the page is idle', async () => {
    const context = await browser().newContext();
    await context.addInitScript(() => {
      const container = navigator.serviceWorker;
      const original = container.register.bind(container);
      container.register = (...args: Parameters<ServiceWorkerContainer['register']>) => {
        (window as unknown as { __registeredAt: number }).__registeredAt = performance.now();
        return original(...args);
      };
    });
    const page = await context.newPage();
    await page.goto(`${baseURL()}/?watchdog=30000`);
    await page.waitForFunction(
      () => (window as unknown as { __registeredAt?: number }).__registeredAt,
      undefined,
      {
        timeout: 60_000,
      },
    );
    const times = await page.evaluate(() => ({
      registered: (window as unknown as { __registeredAt: number }).__registeredAt,
      firstResult: performance.getEntriesByName('first-analysis')[0]?.startTime ?? Infinity,
    }));
    expect(times.registered).toBeGreaterThan(times.firstResult);
    await context.close();
  });

  it('the embed registers no service worker', async () => {
    const context = await browser().newContext();
    const requests: string[] = [];
    context.on('request', (r) => requests.push(new URL(r.url()).pathname));
    const page = await context.newPage();
    await page.goto(
      `${baseURL()}/embed.html?readonly#${encodeState({ dockerfile: 'FROM node:20\n', options: {} })}`,
    );
    await page.waitForSelector('[data-testid=embed-summary]', { timeout: 30_000 });
    // Past its first result and two idle periods: when the playground page would register.
    await page.evaluate(
      () =>
        new Promise<void>((resolve) =>
          requestIdleCallback(() => requestIdleCallback(() => resolve(), { timeout: 10_000 }), {
            timeout: 10_000,
          }),
        ),
    );
    expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length)).toBe(
      0,
    );
    expect(requests.filter((p) => p.endsWith('/sw.js'))).toEqual([]);
    // Nothing of Monaco was downloaded for the read-only view either.
    expect(requests.filter((p) => /monaco/.test(p))).toEqual([]);
    await context.close();
  });
});
