// Screenshots of the main views for the README and docs (docs/screenshots/). Not part of the test
// run: `SCREENSHOTS=1 node tests/e2e/run.mjs screenshots` after `npm run build`.
import { describe, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { encodeState } from '../../src/share/permalink';
import { baseURL, openApp, setDockerfile, useBrowser, waitForQuiet } from './helpers';

const browser = useBrowser();
const out = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
const WIDE = { width: 1400, height: 860 };
const PHONE = { width: 390, height: 844 };

const NAIVE = `FROM node:20
RUN apt-get update && apt-get install -y curl git
WORKDIR /app
COPY . .
RUN npm install
RUN npm run build
CMD ["npm", "start"]
`;

const GOOD = `FROM golang:1.22-alpine AS builder
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -o /app .

FROM scratch
COPY --from=builder /app /app
USER 65534
ENTRYPOINT ["/app"]
`;

async function diffReady(page: Page) {
  await page.waitForSelector('[data-testid=diff][data-ready=true]', { timeout: 30_000 });
}

// Generous limits: screenshots are taken on whatever machine runs them, busy or not.
describe.runIf(process.env.SCREENSHOTS)('screenshots', { timeout: 300_000 }, () => {
  it('the first screen, before the first result', async () => {
    const context = await browser().newContext({ viewport: WIDE });
    const page = await context.newPage();
    let release: () => void = () => {};
    const held = new Promise<void>((r) => (release = r));
    await page.route(/analyzer.*\.js$/, async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${baseURL()}/`);
    await page.waitForSelector('[data-testid=skeleton]');
    await page.screenshot({ path: `${out}first-screen.png` });
    release();
    await context.close();
  });

  it('main views, wide, light', async () => {
    const { page, context } = await openApp(browser(), { viewport: WIDE });
    await setDockerfile(page, NAIVE);
    await page.click('[data-testid=tab-size]');
    await page.screenshot({ path: `${out}playground.png` });
    await page.locator('[data-testid=layer] summary').nth(1).click();
    await page.screenshot({ path: `${out}size.png` });
    await page.click('[data-testid=tab-findings]');
    await page.screenshot({ path: `${out}findings.png` });
    await page.locator('[data-testid=finding-review]').first().click();
    await page.locator('[data-testid=fix-review]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${out}fix-review.png` });
    await page.click('[data-testid=tab-rewrite]');
    await diffReady(page);
    await page.screenshot({ path: `${out}rewrite.png` });
    await page.click('[data-testid=tab-base]');
    await page.screenshot({ path: `${out}base.png` });
    await page.click('[data-testid=tab-impact]');
    await page.screenshot({ path: `${out}impact.png` });
    await page.click('[data-testid=tab-findings]');
    await page.locator('[data-testid=finding-learn]').first().click();
    await page.waitForSelector('[data-testid=learn-page]');
    await page.screenshot({ path: `${out}learn.png` });
    await page.click('[data-testid=open-examples]');
    await page.waitForSelector('[data-testid=examples-dialog][open]');
    await page.screenshot({ path: `${out}examples.png` });
    await page.keyboard.press('Escape');
    // Keyboard: the skip link, and the Tab-moves-focus sign.
    await page.goto(`${baseURL()}/`);
    await page.waitForFunction(() => window.__monacoReady === true, undefined, { timeout: 30_000 });
    await page.click('.monaco-editor .view-lines');
    await page.keyboard.press('Control+M');
    await page.waitForSelector('[data-testid=tab-focus-mode]');
    await page.evaluate(() => (document.activeElement as HTMLElement).blur());
    await page.keyboard.press('Tab');
    await page.screenshot({ path: `${out}keyboard.png` });
    await context.close();
  });

  it('nothing to improve, dark, and a narrow diff', async () => {
    const dark = await openApp(browser(), { viewport: WIDE, colorScheme: 'dark' });
    await setDockerfile(dark.page, NAIVE);
    await dark.page.click('[data-testid=tab-findings]');
    await dark.page.screenshot({ path: `${out}dark.png` });
    await setDockerfile(dark.page, GOOD);
    await dark.page.click('[data-testid=tab-rewrite]');
    await dark.page.waitForSelector('[data-testid=nothing-to-improve]');
    await dark.page.screenshot({ path: `${out}nothing-to-improve-dark.png` });
    await dark.context.close();

    const narrow = await openApp(browser(), { viewport: { width: 1000, height: 860 } });
    await setDockerfile(narrow.page, NAIVE);
    await narrow.page.click('[data-testid=tab-rewrite]');
    await diffReady(narrow.page);
    await narrow.page.screenshot({ path: `${out}rewrite-inline.png` });
    await narrow.context.close();
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`phone, ${colorScheme}`, async () => {
      const phone = await openApp(browser(), { viewport: PHONE, touch: true, colorScheme });
      await setDockerfile(phone.page, NAIVE);
      await phone.page.evaluate(() => scrollTo(0, 0));
      const name = colorScheme === 'light' ? 'phone' : 'phone-dark';
      await phone.page.screenshot({ path: `${out}${name}.png` });
      await phone.page
        .locator('[data-testid=layer]', { hasText: 'apt-get' })
        .first()
        .locator('summary')
        .click();
      await phone.page.screenshot({ path: `${out}${name}-full.png`, fullPage: true });
      await phone.context.close();
    });
  }

  it('the embed at 300 px', async () => {
    const context = await browser().newContext({ viewport: { width: 640, height: 340 } });
    const page = await context.newPage();
    const fragment = encodeState({ dockerfile: NAIVE, options: {}, title: 'Node app' });
    await page.goto(`${baseURL()}/embed.html?panel=findings&height=300#${fragment}`);
    await page.waitForSelector('[data-testid=embed-panel] li code', { timeout: 30_000 });
    await page.screenshot({ path: `${out}embed-300.png` });
    await context.close();
  });
});
