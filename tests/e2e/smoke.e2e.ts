// The playground standing on its real stack: keystrokes → worker → engine → screen and markers.
import { describe, expect, it } from 'vitest';
import { analysisSeq, openApp, typeInEditor, useBrowser, waitForAnalysis } from './helpers';

const browser = useBrowser();

describe('playground smoke', () => {
  it('loads the sample, analyzes it in the worker and shows the result', async () => {
    const { page, problems, context } = await openApp(browser());
    expect(await page.textContent('[data-testid=instr-count]')).toBe('6');
    expect(await page.textContent('[data-testid=stage-count]')).toBe('1');
    // The worker fetched tree-sitter's runtime and the bash grammar (a failed fetch is a problem).
    expect(problems.requests.some((u) => /\/web-tree-sitter[^/]*\.wasm$/.test(u))).toBe(true);
    expect(problems.requests.some((u) => /\/tree-sitter-bash[^/]*\.wasm$/.test(u))).toBe(true);
    expect(problems.all()).toEqual([]);
    await context.close();
  });

  it('typing an unknown instruction shows a syntax error on the page and a marker in the editor', async () => {
    const { page, problems, context } = await openApp(browser());
    const before = await analysisSeq(page);
    await typeInEditor(page, 'RUNN x');
    await waitForAnalysis(page, before);
    await page.waitForSelector('[data-testid=syntax-errors]');
    const text = await page.textContent('[data-testid=syntax-errors]');
    expect(text).toMatch(/Line 7/);
    expect(await page.textContent('[data-testid=instr-count]')).toBe('7');
    // The marker: Monaco draws an error squiggle on line 7.
    await page.waitForSelector('.monaco-editor .squiggly-error', { timeout: 10_000 });
    expect(problems.all()).toEqual([]);
    await context.close();
  });
});
