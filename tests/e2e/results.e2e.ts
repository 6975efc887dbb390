// The results view driven like a person would: real typing in Monaco, real clicks, the real worker.
import { describe, expect, it } from 'vitest';
import { analysisSeq, editorText, openApp, setDockerfile, useBrowser, waitForAnalysis } from './helpers';

const browser = useBrowser();

const NAIVE = `FROM node:20
RUN apt-get update && apt-get install -y curl git
WORKDIR /app
COPY . .
RUN npm install
RUN npm run build
CMD ["npm", "start"]
`;

describe('results view', () => {
  it('a naive Dockerfile shows a size, findings and a rewrite', async () => {
    const { page, problems, context } = await openApp(browser());
    await setDockerfile(page, NAIVE);

    const total = await page.textContent('[data-testid=size-total]');
    expect(total).not.toBe('0 B');
    expect(await page.locator('[data-testid=layer]').count()).toBeGreaterThan(1);

    await page.click('[data-testid=tab-findings]');
    expect(await page.locator('[data-testid=finding]').count()).toBeGreaterThan(0);

    await page.click('[data-testid=tab-rewrite]');
    expect(await page.locator('[data-testid=step]').count()).toBeGreaterThan(0);
    await page.waitForSelector('[data-testid=diff] .monaco-diff-editor');
    // Both inner editors of the diff have an accessible name.
    const labels = await page.$$eval('[data-testid=diff] .monaco-editor [aria-label]', (els) =>
      els.map((e) => e.getAttribute('aria-label')),
    );
    expect(labels.some((l) => l?.includes('before'))).toBe(true);
    expect(labels.some((l) => l?.includes('after'))).toBe(true);
    expect(problems.all()).toEqual([]);
    await context.close();
  });

  it('switching a rewrite step off re-analyzes and changes the estimate', async () => {
    const { page, problems, context } = await openApp(browser());
    await setDockerfile(page, NAIVE);
    await page.click('[data-testid=tab-rewrite]');
    const estimate = await page.textContent('[data-testid=rewrite-estimate]');
    const dockerfileBefore = await page.locator('[data-testid=step]').count();
    expect(dockerfileBefore).toBeGreaterThan(0);
    // Switch off the step with the largest saving shown first.
    const toggle = page.locator('[data-testid=step-switch]').first();
    expect(await toggle.isChecked()).toBe(true);
    const before = await analysisSeq(page);
    await toggle.click();
    await waitForAnalysis(page, before);
    expect(await page.locator('[data-testid=step-switch]').first().isChecked()).toBe(false);
    expect(await page.textContent('[data-testid=rewrite-estimate]')).not.toBe(estimate);
    // And back on.
    const again = await analysisSeq(page);
    await page.locator('[data-testid=step-switch]').first().click();
    await waitForAnalysis(page, again);
    expect(await page.textContent('[data-testid=rewrite-estimate]')).toBe(estimate);
    expect(problems.all()).toEqual([]);
    await context.close();
  });

  it('a quick fix from the editor (Ctrl+.) applies the rule fix', async () => {
    const { page, problems, context } = await openApp(browser());
    await setDockerfile(page, NAIVE);
    await page.click('[data-testid=tab-findings]');
    const fixable = page.locator('[data-testid=finding]:has([data-testid=finding-fix])').first();
    const ruleId = await fixable.getAttribute('data-rule');
    const fixTitle = await fixable.locator('[data-testid=finding-fix]').getAttribute('data-fix-title');
    expect(ruleId).toBeTruthy();
    expect(fixTitle).toBeTruthy();
    const countOf = () => page.locator(`[data-testid=finding][data-rule="${ruleId}"]`).count();
    const findingsBefore = await countOf();

    // Clicking the line link selects the finding's lines in the editor.
    await fixable.locator('[data-testid=finding-line]').click();
    // The marker's hover explains the finding (Ctrl+K Ctrl+I shows the hover at the cursor).
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    await page.waitForSelector('.monaco-hover .marker');
    await page.keyboard.press('Escape');

    const textBefore = await editorText(page);
    const seq = await analysisSeq(page);
    await page.keyboard.press('Control+.');
    const action = page.locator('.action-widget .monaco-list-row', { hasText: fixTitle ?? '' }).first();
    await action.waitFor();
    await action.click();
    await waitForAnalysis(page, seq);
    expect(await editorText(page)).not.toBe(textBefore);
    expect(await countOf()).toBeLessThan(findingsBefore);
    expect(problems.all()).toEqual([]);
    await context.close();
  });

  it('the Apply fix button in the findings panel applies the same fix', async () => {
    const { page, problems, context } = await openApp(browser());
    await setDockerfile(page, NAIVE);
    await page.click('[data-testid=tab-findings]');
    const fixable = page.locator('[data-testid=finding]:has([data-testid=finding-fix])').first();
    const ruleId = await fixable.getAttribute('data-rule');
    const countOf = () => page.locator(`[data-testid=finding][data-rule="${ruleId}"]`).count();
    const before = await countOf();
    const seq = await analysisSeq(page);
    await fixable.locator('[data-testid=finding-fix]').click();
    await waitForAnalysis(page, seq);
    expect(await countOf()).toBeLessThan(before);
    expect(problems.all()).toEqual([]);
    await context.close();
  });

  it('a finding opens its Learn page, generated from the rule', async () => {
    const { page, problems, context } = await openApp(browser());
    await setDockerfile(page, NAIVE);
    await page.click('[data-testid=tab-findings]');
    const finding = page.locator('[data-testid=finding]').first();
    const ruleId = await finding.getAttribute('data-rule');
    await finding.locator('[data-testid=finding-learn]').click();
    const pageEl = page.locator('[data-testid=learn-page]');
    await pageEl.waitFor();
    expect(await pageEl.getAttribute('data-rule')).toBe(ruleId);
    expect(await pageEl.textContent()).toMatch(/Why it matters/);
    // The rule id in the editor's hover opens the Learn page too.
    await page.click('text=← All rules');
    await page.click('[data-testid=tab-findings]');
    await page.locator('[data-testid=finding-line]').first().click();
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    const link = page.locator('.monaco-hover .marker a.code-link').first();
    const hoverRule = await link.textContent();
    await link.click();
    await page.waitForSelector(`[data-testid=learn-page][data-rule="${hoverRule}"]`);
    // The list of all rules is one click away.
    await page.click('text=← All rules');
    expect(await page.locator('[data-testid=learn-link]').count()).toBeGreaterThan(3);
    expect(problems.all()).toEqual([]);
    await context.close();
  });

  it('loading an example replaces the text and analyzes it', async () => {
    const { page, problems, context } = await openApp(browser());
    await page.click('[data-testid=open-examples]');
    await page.waitForSelector('[data-testid=examples-dialog][open]');
    const seq = await analysisSeq(page);
    await page.click('[data-testid=example][data-example=go-scratch]');
    await waitForAnalysis(page, seq);
    expect(await editorText(page)).toContain('FROM scratch');
    expect(await page.textContent('[data-testid=stage-count]')).toBe('2');
    expect(await page.locator('[data-testid=examples-dialog][open]').count()).toBe(0);
    // Ctrl+Z brings the previous text back.
    const undo = await analysisSeq(page);
    await page.click('.monaco-editor .view-lines');
    await page.keyboard.press('Control+Z');
    await waitForAnalysis(page, undo);
    expect(await editorText(page)).toContain('FROM node:20');
    expect(problems.all()).toEqual([]);
    await context.close();
  });
});
