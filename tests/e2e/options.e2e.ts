// Lint options (issue 19): set an option in the Options panel, see the finding silenced and listed
// as silenced, share, open the link in a fresh browser and in the embed, and see the same. The real
// app, worker and Monaco in Chromium.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { decodePermalink } from '../../src/share/permalink';
import { baseURL, openApp, setDockerfile, useBrowser, waitForAnalysis, waitForMonaco } from './helpers';

const browser = useBrowser();
/** A generous watchdog: on a loaded machine the worker's cold start alone can pass the default 5 s. */
const WD = '?watchdog=30000';

const DOCKERFILE = `FROM debian:12
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
USER nobody
`;

async function findingRules(page: Page): Promise<string[]> {
  await page.click('[data-testid=tab-findings]');
  await page.waitForSelector('[data-testid=findings-panel]');
  return page.$$eval('[data-testid=finding]', (els) => els.map((e) => e.getAttribute('data-rule') ?? ''));
}

async function silencedTexts(page: Page): Promise<string[]> {
  await page.click('[data-testid=tab-options]');
  await page.waitForSelector('[data-testid=options-panel]');
  return page.$$eval('[data-testid=options-silenced-item]', (els) => els.map((e) => e.textContent ?? ''));
}

describe('lint options', () => {
  it('an ignored rule is silenced, listed, shared, and silenced again where the link opens', async () => {
    const { page, problems, context } = await openApp(browser(), { path: `/${WD}` });
    await setDockerfile(page, DOCKERFILE);
    expect(await findingRules(page)).toContain('pin-os-packages');
    expect(await silencedTexts(page)).toEqual([]);

    // Ignore DL3008 (hadolint's id for the rule) in the Options panel.
    const before = Number(await page.getAttribute('[data-testid=result]', 'data-seq'));
    await page.fill('[data-testid=options-ignored]', 'DL3008');
    await page.press('[data-testid=options-ignored]', 'Tab');
    await waitForAnalysis(page, before);
    const silenced = await silencedTexts(page);
    expect(silenced).toHaveLength(1);
    expect(silenced[0]).toContain('pin-os-packages');
    expect(silenced[0]).toContain('dl3008');
    expect(await page.textContent('[data-testid=tab-options]')).toContain('1 silenced');
    expect(await page.textContent('[data-testid=options-yaml]')).toContain('- DL3008');
    expect(await findingRules(page)).not.toContain('pin-os-packages');

    // Share: the link carries the setting.
    await page.click('[data-testid=share-button]');
    await page.waitForSelector('[data-testid=share-dialog][open] [data-testid=share-link]');
    const link = await page.inputValue('[data-testid=share-link]');
    const decoded = decodePermalink(new URL(link).hash.slice(1));
    expect(decoded.ok && decoded.state.options.lint).toEqual({ ignored: ['DL3008'] });
    await page.keyboard.press('Escape');
    expect(problems.all()).toEqual([]);
    await context.close();

    // A fresh browser (no stored options) opens the link: the same finding is silenced.
    const fresh = await browser().newContext({ viewport: { width: 1280, height: 800 } });
    const page2 = await fresh.newPage();
    page2.setDefaultTimeout(30_000);
    await page2.goto(link.replace('/#', `/${WD}#`));
    await waitForMonaco(page2);
    await waitForAnalysis(page2, 0);
    expect(await findingRules(page2)).not.toContain('pin-os-packages');
    const silenced2 = await silencedTexts(page2);
    expect(silenced2).toHaveLength(1);
    expect(silenced2[0]).toContain('pin-os-packages');
    expect(await page2.inputValue('[data-testid=options-ignored]')).toBe('DL3008');

    // "Show again" brings the finding back.
    const seq = Number(await page2.getAttribute('[data-testid=result]', 'data-seq'));
    await page2.click('[data-testid=options-silenced-item] button');
    await waitForAnalysis(page2, seq);
    expect(await page2.$$('[data-testid=options-silenced-item]')).toHaveLength(0);
    expect(await findingRules(page2)).toContain('pin-os-packages');
    await fresh.close();

    // The embed opens the same link with the same setting.
    const embedContext = await browser().newContext();
    const embed = await embedContext.newPage();
    embed.setDefaultTimeout(60_000);
    await embed.goto(`${baseURL()}/embed.html?panel=findings${new URL(link).hash}`);
    await embed.waitForSelector('[data-testid=embed-silenced]', { timeout: 60_000 });
    expect(await embed.textContent('[data-testid=embed-silenced]')).toContain('pin-os-packages');
    await embedContext.close();
  });

  it('trusted registries, severity overrides and the failure threshold apply', async () => {
    const { page, context } = await openApp(browser(), { path: `/${WD}` });
    await setDockerfile(page, DOCKERFILE);
    await page.click('[data-testid=tab-options]');
    let seq = Number(await page.getAttribute('[data-testid=result]', 'data-seq'));
    await page.fill('[data-testid=options-trusted]', 'registry.example.com');
    await page.press('[data-testid=options-trusted]', 'Tab');
    seq = await waitForAnalysis(page, seq);
    expect(await findingRules(page)).toContain('untrusted-registry');
    await page.click('[data-testid=tab-options]');
    await page.selectOption('[data-testid=options-threshold]', 'error');
    seq = await waitForAnalysis(page, seq);
    expect(await page.textContent('[data-testid=options-verdict]')).toMatch(/fails: 1 finding/);
    await page.fill('[data-testid=options-override-warning]', 'DL3026');
    await page.press('[data-testid=options-override-warning]', 'Tab');
    await waitForAnalysis(page, seq);
    expect(await page.textContent('[data-testid=options-verdict]')).toMatch(/passes/);
    // No serious accessibility violations in the panel (axe).
    const axe = await new AxeBuilder({ page }).include('[data-testid=options-panel]').analyze();
    const serious = axe.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.nodes.length}) ${v.nodes[0]?.target.join(' ')}`);
    expect(serious).toEqual([]);
    await context.close();
  });
});
