// The other panels: builder stages, wasted bytes, base alternatives, impact, assumptions.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { analysisSeq, openApp, useBrowser, waitForAnalysis } from './helpers';

const browser = useBrowser();

async function loadExample(page: Page, id: string): Promise<void> {
  await page.click('[data-testid=open-examples]');
  const seq = await analysisSeq(page);
  await page.click(`[data-testid=example][data-example=${id}]`);
  await waitForAnalysis(page, seq);
}

describe('panels', () => {
  it('shows builder stages as discarded and wasted bytes as such', async () => {
    const { page, problems, context } = await openApp(browser());
    await loadExample(page, 'go-scratch');
    await page.click('[data-testid=tab-size]');
    expect(await page.textContent('[data-testid=discarded-stages]')).toMatch(/builder.*0 B shipped/);

    await loadExample(page, 'apt-cleanup-too-late');
    await page.waitForSelector('[data-testid=wasted]');
    expect(await page.locator('[data-testid=layer-wasted]').count()).toBeGreaterThan(0);
    expect(problems.all()).toEqual([]);
    await context.close();
  });

  it('lists smaller base images with their trade-offs', async () => {
    const { page, problems, context } = await openApp(browser());
    await page.click('[data-testid=tab-base]');
    expect(await page.locator('[data-testid=alternative]').count()).toBeGreaterThan(0);
    expect(await page.textContent('[data-testid=alternatives]')).toMatch(/slim|alpine|distroless/);
    expect(problems.all()).toEqual([]);
    await context.close();
  });

  it('impact: a slower link means a longer pull', async () => {
    const { page, context } = await openApp(browser());
    await page.click('[data-testid=tab-impact]');
    const fast = await page.textContent('[data-testid=impact-pull]');
    await page.selectOption('[data-testid=impact-bandwidth]', '10');
    const slow = await page.textContent('[data-testid=impact-pull]');
    expect(slow).not.toBe(fast);
    await context.close();
  });

  it('assumptions: changing the build context re-analyzes with it', async () => {
    const { page, problems, context } = await openApp(browser());
    const before = await page.textContent('[data-testid=size-total]');
    await page.click('[data-testid=tab-assumptions]');
    const seq = await analysisSeq(page);
    await page.fill('[data-testid=assume-source]', '500');
    await page.press('[data-testid=assume-source]', 'Enter');
    await page.locator('[data-testid=assume-source]').blur();
    await waitForAnalysis(page, seq);
    await page.click('[data-testid=tab-size]');
    expect(await page.textContent('[data-testid=size-total]')).not.toBe(before);
    expect(problems.all()).toEqual([]);
    await context.close();
  });
});
