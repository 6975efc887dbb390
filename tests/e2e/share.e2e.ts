// Sharing: permalinks that open in a fresh browser, broken and oversized links, a link over a local
// draft, the share dialog (length, secrets, keyboard). The real app, worker and Monaco in Chromium.
import { describe, expect, it } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import { deflateSync } from 'fflate';
import { encodeBase64Url } from '../../src/share/base64url';
import { encodeState } from '../../src/share/permalink';
import {
  baseURL,
  editorText,
  openApp,
  setDockerfile,
  useBrowser,
  waitForAnalysis,
  waitForMonaco,
} from './helpers';

const browser = useBrowser();
/** A generous watchdog: on a loaded machine the worker's cold start alone can pass the default 5 s. */
const WD = '?watchdog=30000';

const SHARED = `# Grüße 🐳 — shared from a test
FROM python:3.12-slim
WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY . .
CMD ["python", "app.py"]
`;

async function openShareDialog(page: import('playwright-core').Page) {
  await page.click('[data-testid=share-button]');
  await page.waitForSelector('[data-testid=share-dialog][open] [data-testid=share-link]');
}

describe('permalinks', () => {
  it('share, then open the link in a fresh browser context', async () => {
    const { page, problems, context } = await openApp(browser(), { path: `/${WD}` });
    await setDockerfile(page, SHARED);
    await openShareDialog(page);
    const link = await page.inputValue('[data-testid=share-link]');
    expect(link).toMatch(/#v1\/[A-Za-z0-9_-]+$/);
    expect(await page.textContent('[data-testid=share-length]')).toContain(`${link.length} characters`);
    // Escape closes the dialog and focus returns to the Share button.
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid=share-dialog]:not([open])', { state: 'attached' });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'share-button',
    );
    expect(problems.all()).toEqual([]);
    await context.close();

    const fresh = await browser().newContext();
    const page2 = await fresh.newPage();
    // (the watchdog query only makes the test robust on a loaded machine; the link is unchanged)
    await page2.goto(link.replace('/#', `/${WD}#`));
    await waitForMonaco(page2);
    await waitForAnalysis(page2, 0);
    expect(await editorText(page2)).toBe(SHARED);
    // The link stays as it was opened until the person edits.
    expect(await page2.evaluate(() => location.hash)).toBe(new URL(link).hash);
    await fresh.close();
  });

  it('the address follows the editor (replaceState, debounced) and reloading keeps the state', async () => {
    const { page, context } = await openApp(browser(), { path: `/${WD}` });
    await setDockerfile(page, 'FROM alpine:3.20\nRUN apk add curl\n');
    await page.waitForFunction(() => location.hash.startsWith('#v1/'), undefined, { timeout: 30_000 });
    const historyLength = await page.evaluate(() => history.length);
    await page.reload();
    await waitForMonaco(page);
    expect(await editorText(page)).toBe('FROM alpine:3.20\nRUN apk add curl\n');
    expect(await page.evaluate(() => history.length)).toBe(historyLength);
    // Ctrl+S opens the share dialog, also from inside the editor.
    await page.click('.monaco-editor .view-lines');
    await page.keyboard.press('Control+S');
    await page.waitForSelector('[data-testid=share-dialog][open]');
    await context.close();
  });

  it('the dialog traps focus, is labelled, and warns about secrets and long links', async () => {
    const { page, context } = await openApp(browser(), { path: `/${WD}` });
    const long = Array.from(
      { length: 400 },
      (_, i) => `RUN echo ${(i * 2654435761) % 999983} ${i * 7919}`,
    ).join('\n');
    await setDockerfile(page, `FROM alpine\nENV AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\n${long}\n`);
    await openShareDialog(page);
    expect(await page.getAttribute('[data-testid=share-dialog]', 'aria-labelledby')).toBe('share-title');
    expect(await page.textContent('[data-testid=secret-warning]')).toMatch(/AWS access key/);
    expect(await page.textContent('[data-testid=secret-warning]')).not.toContain('AKIAIOSFODNN7EXAMPLE');
    expect(await page.getAttribute('[data-testid=share-length]', 'data-level')).toMatch(/chat|server/);
    // Tab from the last control wraps to the first one inside the dialog.
    for (let i = 0; i < 22; i++) {
      await page.keyboard.press('Tab');
      const inside = await page.evaluate(
        () => !!document.activeElement?.closest('[data-testid=share-dialog]'),
      );
      expect(inside).toBe(true);
    }
    // No serious accessibility violations with the dialog open (axe).
    const axe = await new AxeBuilder({ page }).include('[data-testid=share-dialog]').analyze();
    const serious = axe.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.nodes.length}) ${v.nodes[0]?.target.join(' ')}`);
    expect(serious).toEqual([]);
    // The iframe snippet follows the options.
    await page.selectOption('[data-testid=embed-panel]', 'findings');
    expect(await page.inputValue('[data-testid=iframe-snippet]')).toMatch(/embed\.html\?panel=findings#v1\//);
    await page.keyboard.press('Escape');
    await context.close();
  });
});

describe('broken links', () => {
  it('a truncated link shows the recovery message, never a blank page', async () => {
    const good = encodeState({ dockerfile: SHARED, options: {} });
    const { page, problems, context } = await openApp(browser(), {
      path: `/${WD}#${good.slice(0, good.length - 12)}`,
    });
    await page.waitForSelector('[data-testid=link-recovery]');
    expect(await page.textContent('[data-testid=link-recovery-message]')).toMatch(/incomplete|damaged/);
    // The editor still works, with the default example.
    expect((await editorText(page)).length).toBeGreaterThan(10);
    const axe = await new AxeBuilder({ page }).include('[data-testid=link-recovery]').analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
    await page.click('[data-testid=recover-draft]');
    await page.waitForSelector('[data-testid=link-recovery]', { state: 'detached' });
    expect(await page.evaluate(() => location.hash)).toBe('');
    expect(problems.pageErrors).toEqual([]);
    await context.close();
  });

  it('garbage, wrong version and a newer format each get their own explanation', async () => {
    const cases: [string, RegExp][] = [
      [`/${WD}#v1/%%%not-a-link***`, /characters that a playground link never has|damaged/],
      [`/${WD}#v9/abc`, /newer version of the playground/],
      [`/${WD}#example/no-such-example`, /no example called/],
    ];
    for (const [path, message] of cases) {
      const { page, context } = await openApp(browser(), { path, ready: false });
      await page.waitForSelector('[data-testid=link-recovery]');
      expect(await page.textContent('[data-testid=link-recovery-message]')).toMatch(message);
      await context.close();
    }
  });

  it('an oversized link (a zip bomb) is refused quickly with a clear message', async () => {
    const bomb = new TextEncoder().encode(JSON.stringify({ d: 'A'.repeat(20 * 1024 * 1024) }));
    const payload = encodeBase64Url(deflateSync(bomb, { level: 9 }));
    const { page, problems, context } = await openApp(browser(), { path: `/${WD}#v1/${payload}` });
    await page.waitForSelector('[data-testid=link-recovery]');
    expect(await page.textContent('[data-testid=link-recovery-message]')).toMatch(/more than 1.05 MB/);
    expect(problems.pageErrors).toEqual([]);
    await context.close();
  });
});

describe('drafts', () => {
  it('a link replaces the local draft, which can be restored', async () => {
    const { page, context } = await openApp(browser(), { path: `/${WD}` });
    const draft = 'FROM debian:bookworm\nRUN echo my unsaved work\n';
    await setDockerfile(page, draft);
    await page.waitForFunction((d) => localStorage.getItem('dockerfile-playground:draft') === d, draft);

    const link = `${baseURL()}/${WD}#${encodeState({ dockerfile: SHARED, options: {} })}`;
    const page2 = await context.newPage();
    await page2.goto(link);
    await waitForMonaco(page2);
    expect(await editorText(page2)).toBe(SHARED);
    await page2.waitForSelector('[data-testid=draft-banner]');
    expect(await page2.textContent('[data-testid=draft-banner]')).toContain('FROM debian:bookworm');
    await page2.click('[data-testid=restore-draft]');
    await page2.waitForFunction((d) => window.__editorText?.() === d, draft);
    await page2.waitForSelector('[data-testid=draft-banner]', { state: 'detached' });
    await context.close();
  });

  it('loading an example over edited text sets the text aside, restorable', async () => {
    const { page, context } = await openApp(browser(), { path: `/${WD}` });
    const mine = 'FROM ubuntu:24.04\nRUN echo mine\n';
    await setDockerfile(page, mine);
    await page.click('[data-testid=open-examples]');
    await page.click('[data-testid=example][data-example=go-scratch]');
    await page.waitForSelector('[data-testid=draft-banner]');
    expect(await editorText(page)).toContain('FROM scratch');
    await page.click('[data-testid=restore-draft]');
    await page.waitForFunction((d) => window.__editorText?.() === d, mine);
    await context.close();
  });

  it('a full storage is reported, the text stays in the editor', async () => {
    const context = await browser().newContext();
    await context.addInitScript(() => {
      const original = Storage.prototype.setItem;
      Storage.prototype.setItem = function (key: string, value: string) {
        if (key.includes('draft')) throw new DOMException('full', 'QuotaExceededError');
        return original.call(this, key, value);
      };
    });
    const page = await context.newPage();
    await page.goto(`${baseURL()}/${WD}`);
    await waitForMonaco(page);
    await setDockerfile(page, 'FROM busybox\n');
    await page.waitForSelector('[data-testid=storage-problem]');
    expect(await page.textContent('[data-testid=storage-problem]')).toMatch(/full/);
    expect(await editorText(page)).toBe('FROM busybox\n');
    await context.close();
  });
});
