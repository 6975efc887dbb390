// Hosting (issue 20): the build works under a subpath (relative URLs for the pages, chunks, workers,
// wasm, Monaco and the service worker's scope), and after a deploy the old service worker still
// answers offline with the new build's files (found in the waiting worker's cache), or fails at once.
// A copy of dist/ is served by a plain static server under /hosted/under/a/path/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { useBrowser, waitForAnalysis, waitForMonaco } from './helpers';
import { serveFolder, type StaticSite } from './static-server';

const browser = useBrowser();
const PREFIX = '/hosted/under/a/path/';
let dir = '';
let site: StaticSite;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'playground-hosting-'));
  cpSync(new URL('../../dist', import.meta.url), dir, { recursive: true });
  site = await serveFolder(dir, PREFIX);
});
afterAll(async () => {
  await site?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Waits until a service worker controls the page; returns its scope. (waitForFunction does not
 *  await a promise a predicate returns, so the checks here are synchronous.) */
async function controlled(page: Page): Promise<string> {
  await page.waitForFunction(() => !!navigator.serviceWorker.controller, undefined, {
    timeout: 60_000,
    polling: 250,
  });
  return page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
}

describe('hosted under a subpath', () => {
  it('the playground loads, analyzes and goes offline-ready with every URL under the subpath', async () => {
    const context = await browser().newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('response', (r) => {
      if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`);
    });
    site.requested.length = 0;
    await page.goto(`${site.url}?watchdog=30000`);
    await waitForMonaco(page);
    await waitForAnalysis(page, 0);
    expect(await controlled(page)).toBe(site.url);
    expect(site.requested.filter((p) => !p.startsWith(PREFIX))).toEqual([]);
    expect(site.requested.some((p) => p.endsWith('.wasm'))).toBe(true);
    expect(site.requested.some((p) => /monaco|editor/i.test(p))).toBe(true);
    // The embed under the same subpath.
    const embed = await context.newPage();
    embed.on('pageerror', (e) => errors.push(e.message));
    await embed.goto(`${site.url}embed.html?panel=findings`);
    await embed.waitForSelector('[data-testid=embed-summary]', { timeout: 30_000 });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('after a deploy, the old worker serves the new files offline from the new cache, or fails at once', async () => {
    const context = await browser().newContext();
    const page = await context.newPage();
    await page.goto(`${site.url}?watchdog=30000`);
    await waitForAnalysis(page, 0);
    await controlled(page);

    // Deploy: a new chunk and a new service worker version whose list holds it.
    const sw = readFileSync(join(dir, 'sw.js'), 'utf8');
    // (the build writes the version, 16 hex digits, and the file list, each path quoted, into sw.js)
    const version = /(?<![0-9A-Za-z])[0-9a-f]{16}(?![0-9A-Za-z])/.exec(sw)?.[0];
    const firstFile = /(["'`])assets\//.exec(sw);
    expect(version && firstFile).toBeTruthy();
    writeFileSync(join(dir, 'assets/learn-next-build.js'), 'export const next = true;\n');
    const quote = firstFile![1];
    // The minifier writes the list as an array of strings, or (once it is long) as one string of
    // comma-separated paths split at run time: the new path goes first, in either form.
    const open = firstFile!.index + 1;
    const joined = new RegExp(`^assets/[^${quote}]*,assets/`).test(sw.slice(open));
    const insertion = joined ? 'assets/learn-next-build.js,' : `assets/learn-next-build.js${quote},${quote}`;
    const next = (sw.slice(0, open) + insertion + sw.slice(open)).replaceAll(version!, 'feedfacefeedface');
    expect(next).toContain('assets/learn-next-build.js');
    writeFileSync(join(dir, 'sw.js'), next);
    try {
      await page.evaluate(async () => {
        const registration = await navigator.serviceWorker.ready;
        (window as unknown as { __registration: ServiceWorkerRegistration }).__registration = registration;
        await registration.update();
      });
      // The new worker installs (precaches the new list) and waits: the page is the old version's.
      await page.waitForFunction(
        () => !!(window as unknown as { __registration: ServiceWorkerRegistration }).__registration.waiting,
        undefined,
        { timeout: 60_000, polling: 250 },
      );
      await context.setOffline(true);
      const outcome = (path: string) =>
        page.evaluate(
          (url) =>
            Promise.race([
              fetch(url).then(
                (r) => `status ${r.status}`,
                () => 'failed',
              ),
              new Promise((resolve) => setTimeout(() => resolve('still waiting after 20 s'), 20_000)),
            ]),
          path,
        );
      expect(await outcome('./assets/learn-next-build.js')).toBe('status 200');
      expect(await outcome('./assets/never-built.js')).toBe('failed');
    } finally {
      writeFileSync(join(dir, 'sw.js'), sw);
      await context.close();
    }
  });
});

describe('the workers are under the Content-Security-Policy', () => {
  /** Opens the playground of `url`, then has its analysis worker fetch a file of another origin. */
  async function fetchFromWorker(url: string, other: StaticSite): Promise<string> {
    const context = await browser().newContext();
    const page = await context.newPage();
    await page.goto(`${url}?watchdog=30000`);
    await waitForAnalysis(page, 0);
    const worker = page.workers().find((w) => /analyzer\.worker/.test(w.url()));
    expect(worker).toBeTruthy();
    const outcome = await worker!.evaluate(
      (target) =>
        fetch(target, { mode: 'no-cors' }).then(
          (r) => `reached (${r.status})`,
          (e: Error) => `blocked (${e.message})`,
        ),
      `${other.url}index.html`,
    );
    await context.close();
    return outcome;
  }

  it('with public/_headers a fetch from the analysis worker to another origin is blocked; meta-only hosts cannot', async () => {
    const other = await serveFolder(dir, '/');
    const metaOnly = mkdtempSync(join(tmpdir(), 'playground-meta-only-'));
    cpSync(dir, metaOnly, { recursive: true });
    rmSync(join(metaOnly, '_headers'));
    const bare = await serveFolder(metaOnly, '/');
    try {
      expect(await fetchFromWorker(site.url, other)).toMatch(/^blocked/);
      expect(other.requested).toEqual([]);
      // What docs/SECURITY.md warns about: the <meta> policy binds the page, not its workers.
      expect(await fetchFromWorker(bare.url, other)).toMatch(/^reached/);
      expect(other.requested).toEqual(['/index.html']);
    } finally {
      await other.close();
      await bare.close();
      rmSync(metaOnly, { recursive: true, force: true });
    }
  });
});
