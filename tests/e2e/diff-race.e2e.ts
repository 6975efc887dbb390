// Issue 20: Monaco's diff editor must not report "no diff result available" (or any page error)
// when the layout switches, the rewrite changes quickly or the Rewrite tab comes and goes.
import { describe, expect, it, vi } from 'vitest';
import { openApp, setDockerfile, typeInEditor, useBrowser } from './helpers';

// Each test drives a real page through several analyses: generous on a busy machine.
vi.setConfig({ testTimeout: 240_000 });
const browser = useBrowser();

const NAIVE = `FROM node:20
RUN apt-get update && apt-get install -y curl git
WORKDIR /app
COPY . .
RUN npm install
RUN npm run build
CMD ["npm", "start"]
`;

describe('diff editor under fast changes', () => {
  it('switching layouts, editing fast and leaving the tab raise no page error', async () => {
    const { page, problems, context } = await openApp(browser(), { viewport: { width: 1400, height: 900 } });
    await setDockerfile(page, NAIVE);
    await page.click('[data-testid=tab-rewrite]');
    await page.waitForSelector('[data-testid=diff] .monaco-diff-editor');
    for (let round = 0; round < 6; round++) {
      await page.click('[data-testid=diff-inline]');
      await typeInEditor(page, `RUN echo ${round}\n`);
      await page.click('[data-testid=diff-side-by-side]');
      await page.click('[data-testid=tab-size]');
      await page.click('[data-testid=tab-rewrite]');
      await page.setViewportSize({ width: round % 2 ? 1400 : 700, height: 900 });
    }
    // The last edit's analysis may already be on screen: wait until none is running (a new-result
    // wait could wait for one that never comes).
    await page.waitForFunction(() => !document.querySelector('[data-testid=analyzing]'), undefined, {
      timeout: 60_000,
    });
    await page.waitForSelector('[data-testid=diff][data-ready=true]', { timeout: 30_000 });
    // Let any pending diff computation of the disposed editors settle before judging.
    await page.evaluate(() => new Promise((r) => setTimeout(r, 1500)));
    expect(problems.pageErrors).toEqual([]);
    expect(problems.all()).toEqual([]);
    await context.close();
  });

  it('the phone layout walks every tab with no page error', async () => {
    const { page, problems, context } = await openApp(browser(), { viewport: { width: 390, height: 844 } });
    await setDockerfile(page, NAIVE);
    for (let round = 0; round < 3; round++) {
      for (const tab of ['size', 'findings', 'rewrite', 'base', 'rewrite', 'impact', 'rewrite']) {
        await page.click(`[data-testid=tab-${tab}]`);
      }
    }
    await page.waitForSelector('[data-testid=diff][data-ready=true]', { timeout: 30_000 });
    await page.evaluate(() => new Promise((r) => setTimeout(r, 1500)));
    expect(problems.all()).toEqual([]);
    await context.close();
  });
});
