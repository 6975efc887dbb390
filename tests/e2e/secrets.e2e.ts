// Secrets and the address bar (issue 20): a secret typed into the editor never reaches the URL (and
// so the history) before the person agrees; the share dialog's check runs in the secrets worker,
// with the engine's detector, also on a megabyte.
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { decodePermalink } from '../../src/share/permalink';
import {
  Problems,
  baseURL,
  openApp,
  pasteInEditor,
  setDockerfile,
  typeInEditor,
  useBrowser,
  waitForAnalysis,
  waitForMonaco,
} from './helpers';

const browser = useBrowser();
const WD = '/?watchdog=30000';

/** Records every address the page gets (replaceState, pushState, hash changes, navigations). */
async function recordAddresses(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const seen: string[] = [location.href];
    (window as unknown as { __addresses: string[] }).__addresses = seen;
    for (const name of ['replaceState', 'pushState'] as const) {
      const original = history[name];
      history[name] = function (this: History, ...args: Parameters<History['pushState']>) {
        const result = original.apply(this, args);
        seen.push(location.href);
        return result;
      };
    }
    addEventListener('hashchange', () => seen.push(location.href));
  });
}

/** A fresh context whose every address is recorded (installed before the page loads), the app open. */
async function openRecorded(): Promise<{ ctx: BrowserContext; app: Page; problems: Problems }> {
  const ctx = await browser().newContext();
  await recordAddresses(ctx);
  const app = await ctx.newPage();
  const problems = new Problems(app, baseURL());
  await app.goto(`${baseURL()}${WD}`);
  await waitForMonaco(app);
  await waitForAnalysis(app, 0);
  return { ctx, app, problems };
}

/** The Dockerfiles held by the addresses the page had. */
async function textsInAddresses(page: Page): Promise<string[]> {
  const urls = await page.evaluate(() => (window as unknown as { __addresses: string[] }).__addresses);
  const texts: string[] = [];
  for (const url of [...urls, page.url()]) {
    const hash = new URL(url).hash.replace(/^#/, '');
    if (!hash) continue;
    const decoded = decodePermalink(hash);
    if (decoded.ok) texts.push(decoded.state.dockerfile);
  }
  return texts;
}

describe('secrets stay out of the address bar', () => {
  it('a typed secret is held back until the person agrees, with a warning in the page', async () => {
    const { ctx, app, problems } = await openRecorded();

    // A clean edit goes into the address as before.
    await setDockerfile(app, 'FROM alpine:3.20\n');
    await app.waitForFunction(() => location.hash.startsWith('#v1/'), undefined, { timeout: 30_000 });

    // Typed key by key, the way a person does (slowly on a loaded machine).
    const secret = 'ghp_' + 'Zx9'.repeat(12);
    await typeInEditor(app, `RUN git clone https://${secret}@github.com/o/r.git\n`);
    await app.waitForSelector('[data-testid=secret-hold]', { timeout: 30_000 });
    expect(await app.textContent('[data-testid=secret-hold]')).toMatch(/looks like it holds a secret/);
    expect(await app.textContent('[data-testid=secret-hold]')).not.toContain(secret);
    // The address was cleared (reload opens the local draft), never set to the secret.
    expect(await app.evaluate(() => location.hash)).toBe('');
    expect((await textsInAddresses(app)).some((t) => t.includes(secret))).toBe(false);
    // Another edit that keeps the secret keeps the address clear.
    await typeInEditor(app, 'RUN true\n');
    await app.waitForFunction(() => window.__editorText?.().includes('RUN true'), undefined, {
      timeout: 10_000,
    });
    await app.waitForFunction(
      () => !!document.querySelector('[data-testid=secret-hold]') && location.hash === '',
      undefined,
      { timeout: 10_000 },
    );
    expect((await textsInAddresses(app)).some((t) => t.includes(secret))).toBe(false);

    // Agreeing puts it there.
    await app.click('[data-testid=allow-secret-in-address]');
    await app.waitForFunction(() => location.hash.startsWith('#v1/'), undefined, { timeout: 30_000 });
    expect(await app.$('[data-testid=secret-hold]')).toBeNull();
    expect((await textsInAddresses(app)).some((t) => t.includes(secret))).toBe(true);
    // A different secret asks again.
    await typeInEditor(app, 'ENV OPENAI_KEY=sk-proj-' + 'Qw8_'.repeat(10) + '\n');
    await app.waitForSelector('[data-testid=secret-hold]', { timeout: 30_000 });
    expect(problems.all()).toEqual([]);
    await ctx.close();
  });

  it('a secret typed while a Learn page is open stays out of the address when Learn is left', async () => {
    const { ctx, app, problems } = await openRecorded();
    await setDockerfile(app, 'FROM alpine:3.20\n');
    await app.waitForFunction(() => location.hash.startsWith('#v1/'), undefined, { timeout: 30_000 });
    await app.click('[data-testid=open-learn]');
    await app.waitForSelector('[data-testid=learn-link]');
    const secret = 'ghp_' + 'Lm4'.repeat(12);
    await typeInEditor(app, `RUN git clone https://${secret}@github.com/o/r.git\n`, { paste: true });
    await app.waitForFunction((s) => window.__editorText?.().includes(s), secret);
    await app.goBack();
    await app.waitForSelector('[data-testid=secret-hold]', { timeout: 30_000 });
    expect(await app.evaluate(() => location.hash)).toBe('');
    expect((await textsInAddresses(app)).some((t) => t.includes(secret))).toBe(false);
    expect(problems.all()).toEqual([]);
    await ctx.close();
  });

  it('the share dialog checks 0.9 MB in the worker, with the engine detector', async () => {
    const { context, page, problems } = await openApp(browser(), { path: WD });
    const filler = 'RUN echo filler-line-of-text-for-size\n'.repeat(23_000); // ~0.9 MB, under the scan cap;
    const lines = [
      'FROM alpine',
      filler,
      'RUN docker login -u me -p Sup3rSecretPw registry.example.com',
      'RUN curl -H "Authorization: Bearer abcDEF0123456789xyz" https://api.example.com',
    ];
    await pasteInEditor(page, lines.join('\n') + '\n');
    await page.click('[data-testid=share-button]');
    await page.waitForSelector('[data-testid=share-dialog][open] [data-testid=secret-warning]', {
      timeout: 30_000,
    });
    const warning = (await page.textContent('[data-testid=secret-warning]')) ?? '';
    expect(warning).toMatch(/docker login -p/);
    expect(warning).toMatch(/Authorization header/);
    expect(warning).not.toContain('Sup3rSecretPw');
    // The check ran in the secrets worker.
    expect(page.workers().some((w) => /secrets/.test(w.url()))).toBe(true);
    await page.keyboard.press('Escape');
    expect(problems.pageErrors).toEqual([]);
    await context.close();
  });
});
