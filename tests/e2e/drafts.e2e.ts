// Drafts against a hostile page (issue 20): a page that opens the playground and walks it through
// link after link must not erase the text the person typed. Two layers: Cross-Origin-Opener-Policy
// cuts the opener's handle (it cannot navigate the app at all), and where a host sends no COOP,
// links never push the typed text out of the kept drafts.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { encodeState } from '../../src/share/permalink';
import { MAX_ASIDE, TYPED_KEY } from '../../src/share/drafts';
import { baseURL, editorText, openApp, setDockerfile, useBrowser, waitForMonaco } from './helpers';

const browser = useBrowser();
const WD = '?watchdog=30000';
const MINE = 'FROM debian:bookworm\nRUN echo the text I typed myself\n';
const linkText = (i: number) => `FROM alpine:3.${i}\nRUN echo link ${i}\n`;
const link = (i: number, query = WD) =>
  `${baseURL()}/${query}#${encodeState({ dockerfile: linkText(i), options: {} })}`;

async function typeMine(page: Page): Promise<void> {
  await setDockerfile(page, MINE);
  await page.waitForFunction((key) => localStorage.getItem(key) !== null, TYPED_KEY, { timeout: 10_000 });
}

describe('a hostile page cannot erase the typed draft', () => {
  it('COOP: the page that opened the playground cannot navigate it', async () => {
    const { context, page } = await openApp(browser(), { path: `/${WD}` });
    await typeMine(page);
    await context.route('http://hostile.test/**', (route) =>
      route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>hostile</title><p>hello</p>' }),
    );
    const hostile = await context.newPage();
    await hostile.goto('http://hostile.test/');
    const popup = context.waitForEvent('page');
    await hostile.evaluate((url) => {
      (window as unknown as { handle: Window | null }).handle = window.open(url);
    }, link(1));
    const app = await popup;
    await waitForMonaco(app);
    expect(await editorText(app)).toBe(linkText(1));
    // Cross-Origin-Opener-Policy: same-origin severs the handle: it reads as closed, and setting its
    // location goes nowhere.
    const attempt = await hostile.evaluate((url) => {
      const handle = (window as unknown as { handle: Window | null }).handle;
      const closed = handle?.closed ?? true;
      try {
        if (handle) handle.location.href = url;
      } catch {
        // a severed handle may also throw
      }
      return closed;
    }, link(2));
    expect(attempt).toBe(true);
    // The app is still on the first link after the hostile script ran (and the page answered).
    await app.evaluate(() => 1);
    expect(await editorText(app)).toBe(linkText(1));
    expect(app.url()).toBe(link(1));
    await context.close();
  });

  it('without COOP, links opened one after another never push the typed text out', async () => {
    const { context, page } = await openApp(browser(), { path: `/${WD}` });
    await typeMine(page);
    // Two full loads, then hash changes: more links than drafts are kept.
    const count = MAX_ASIDE + 3;
    for (let i = 1; i <= count; i++) {
      if (i <= 2) {
        await page.goto(link(i, `${WD}&n=${i}`));
        await waitForMonaco(page);
      } else {
        await page.evaluate((hash) => (location.hash = hash), new URL(link(i)).hash);
      }
      await page.waitForFunction((t) => window.__editorText?.() === t, linkText(i), { timeout: 30_000 });
    }
    const kept = await page.evaluate(() =>
      JSON.parse(localStorage.getItem('dockerfile-playground:drafts-aside') ?? '[]').map(
        (d: { text: string }) => d.text,
      ),
    );
    expect(kept).toContain(MINE);
    // The banner offers the person's own text, and restoring it brings it back.
    await page.waitForSelector('[data-testid=draft-banner]');
    expect(await page.textContent('[data-testid=draft-banner]')).toContain('FROM debian:bookworm');
    await page.click('[data-testid=restore-draft]');
    await page.waitForFunction((t) => window.__editorText?.() === t, MINE, { timeout: 30_000 });
    await context.close();
  });
});
