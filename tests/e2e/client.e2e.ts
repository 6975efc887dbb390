// The worker client: the newest request wins while typing fast.
import { describe, expect, it } from 'vitest';
import { openApp, typeInEditor, useBrowser, waitForAnalysis, analysisSeq } from './helpers';

const browser = useBrowser();

describe('analysis while typing', () => {
  it('typing fast ends with the analysis of the final text', async () => {
    const { page, problems, context } = await openApp(browser());
    const seq = await analysisSeq(page);
    await typeInEditor(page, '\nEXPOSE 8080\nUSER node\nENV A=1\nLABEL x=y\n');
    await waitForAnalysis(page, seq);
    expect(await page.textContent('[data-testid=instr-count]')).toBe('10');
    expect(problems.all()).toEqual([]);
    await context.close();
  });
});
