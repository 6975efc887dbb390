// Layout, themes and keyboard: phone width, side by side, dark mode, Tab out of the editor.
// (axe runs over the main views in a11y.e2e.ts.)
import { describe, expect, it } from 'vitest';
import { openApp, useBrowser, waitForQuiet } from './helpers';

const browser = useBrowser();

describe('layout and themes', () => {
  it('on a phone (390 px) editor and results stack with no horizontal overflow', async () => {
    const { page, problems, context } = await openApp(browser(), { viewport: { width: 390, height: 844 } });
    for (const tab of ['size', 'findings', 'rewrite', 'base', 'impact', 'assumptions', 'options', 'learn']) {
      await page.click(`[data-testid=tab-${tab}]`);
      await page.waitForSelector(`[data-testid=tab-${tab}][aria-selected=true]`);
      await waitForQuiet(page, 100);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, `horizontal overflow on the ${tab} tab`).toBeLessThanOrEqual(390);
    }
    const editor = await page.locator('[data-testid=editor]').boundingBox();
    const result = await page.locator('[data-testid=result]').boundingBox();
    expect(editor && result && result.y >= editor.y + editor.height).toBe(true);
    expect(problems.all()).toEqual([]);
    await context.close();
  });

  it('on a wide screen editor and results sit side by side', async () => {
    const { page, context } = await openApp(browser(), { viewport: { width: 1280, height: 800 } });
    const editor = await page.locator('[data-testid=editor]').boundingBox();
    const result = await page.locator('[data-testid=result]').boundingBox();
    expect(editor && result && result.x >= editor.x + editor.width - 1).toBe(true);
    await context.close();
  });

  it('follows a dark system theme, and the toggle overrides it', async () => {
    const { page, problems, context } = await openApp(browser(), { colorScheme: 'dark' });
    expect(await page.getAttribute('html', 'data-theme')).toBe('dark');
    expect(await page.locator('.monaco-editor.vs-dark').count()).toBeGreaterThan(0);
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).not.toBe('rgb(255, 255, 255)');
    // auto → dark → light
    await page.click('[data-testid=theme-toggle]');
    await page.click('[data-testid=theme-toggle]');
    expect(await page.getAttribute('html', 'data-theme')).toBe('light');
    expect(await page.locator('.monaco-editor.vs').count()).toBeGreaterThan(0);
    // The choice survives a reload.
    await page.reload();
    await page.waitForFunction(() => window.__monacoReady === true);
    expect(await page.getAttribute('html', 'data-theme')).toBe('light');
    expect(problems.all()).toEqual([]);
    await context.close();
  });

  it('the results are reachable with the keyboard (Tab out of the editor with Ctrl+M)', async () => {
    const { page, context } = await openApp(browser());
    await page.click('.monaco-editor .view-lines');
    await page.keyboard.press('Control+M');
    await page.keyboard.press('Tab');
    // Focus left the editor: tab to the tab list and move with the arrow keys.
    let guard = 0;
    while (guard++ < 40) {
      const id = await page.evaluate(() => document.activeElement?.getAttribute('data-testid'));
      if (id?.startsWith('tab-')) break;
      await page.keyboard.press('Tab');
    }
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'tab-findings',
    );
    expect(await page.getAttribute('[data-testid=tab-findings]', 'aria-selected')).toBe('true');
    await context.close();
  });
});
