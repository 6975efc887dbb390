// Screenshots of the main views for the README and docs (docs/screenshots/). Not part of the test
// run: `SCREENSHOTS=1 node tests/e2e/run.mjs screenshots` after `npm run build`.
import { describe, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { openApp, setDockerfile, useBrowser, waitForQuiet } from './helpers';

const browser = useBrowser();
const out = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));

const NAIVE = `FROM node:20
RUN apt-get update && apt-get install -y curl git
WORKDIR /app
COPY . .
RUN npm install
RUN npm run build
CMD ["npm", "start"]
`;

describe.runIf(process.env.SCREENSHOTS)('screenshots', () => {
  it('main views, wide', async () => {
    const { page, context } = await openApp(browser(), { viewport: { width: 1400, height: 860 } });
    await setDockerfile(page, NAIVE);
    await page.click('[data-testid=tab-size]');
    await page.screenshot({ path: `${out}playground.png` });
    await page.locator('[data-testid=layer] summary').nth(1).click();
    await page.screenshot({ path: `${out}size.png` });
    await page.click('[data-testid=tab-findings]');
    await page.screenshot({ path: `${out}findings.png` });
    await page.click('[data-testid=tab-rewrite]');
    await page.waitForSelector('[data-testid=diff] .monaco-diff-editor');
    await waitForQuiet(page, 400);
    await page.screenshot({ path: `${out}rewrite.png` });
    await page.click('[data-testid=tab-impact]');
    await page.screenshot({ path: `${out}impact.png` });
    await page.click('[data-testid=tab-findings]');
    await page.locator('[data-testid=finding-learn]').first().click();
    await page.waitForSelector('[data-testid=learn-page]');
    await page.screenshot({ path: `${out}learn.png` });
    await page.click('[data-testid=open-examples]');
    await page.waitForSelector('[data-testid=examples-dialog][open]');
    await page.screenshot({ path: `${out}examples.png` });
    await context.close();
  });

  it('dark theme and phone width', async () => {
    const dark = await openApp(browser(), { viewport: { width: 1400, height: 860 }, colorScheme: 'dark' });
    await setDockerfile(dark.page, NAIVE);
    await dark.page.click('[data-testid=tab-findings]');
    await dark.page.screenshot({ path: `${out}dark.png` });
    await dark.context.close();

    const phone = await openApp(browser(), { viewport: { width: 390, height: 844 } });
    await setDockerfile(phone.page, NAIVE);
    await phone.page.screenshot({ path: `${out}phone.png`, fullPage: true });
    await phone.context.close();
  });
});
