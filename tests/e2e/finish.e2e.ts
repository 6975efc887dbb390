// Issue 18, points 7–11 (nothing to improve, the diff, the embed, the words, the comforts) and
// issue 20's huge embed link. Real worker, real Monaco, real Chromium.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { encodeState } from '../../src/share/permalink';
import {
  analysisSeq,
  baseURL,
  editorText,
  openApp,
  setDockerfile,
  useBrowser,
  waitForAnalysis,
  waitForMonaco,
} from './helpers';

// Each test drives a real page through several analyses: generous on a busy machine.
vi.setConfig({ testTimeout: 240_000 });
const browser = useBrowser();
const contexts: BrowserContext[] = [];
afterEach(async () => {
  for (const context of contexts.splice(0)) await context.close().catch(() => {});
});
const open: typeof openApp = async (b, options) => {
  const opened = await openApp(b, options);
  contexts.push(opened.context);
  return opened;
};

const NAIVE = `FROM node:20
RUN apt-get update && apt-get install -y curl git
WORKDIR /app
COPY . .
RUN npm install
RUN npm run build
CMD ["npm", "start"]
`;

/** Already small: a static Go binary on scratch; its cache-mount steps are optional (off). */
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

describe('7. nothing to improve', () => {
  it('says so, and lists the optional steps that are off with what each does', async () => {
    const { page, problems } = await open(browser());
    await setDockerfile(page, GOOD);
    const tab = (await page.textContent('[data-testid=tab-rewrite]')) ?? '';
    await page.click('[data-testid=tab-rewrite]');
    await page.waitForSelector('[data-testid=nothing-to-improve]');
    expect(await page.textContent('[data-testid=nothing-to-improve]')).toMatch(/Nothing to improve/);
    const off = await page.locator('[data-testid=optional-off] li').allTextContents();
    expect(off.length).toBeGreaterThan(0);
    for (const item of off) expect(item).toMatch(/^.+ — .{20,}/);
    // No empty diff, and the tab does not count the steps that are off.
    expect(await page.locator('[data-testid=diff]').count()).toBe(0);
    const on = await page.locator('[data-testid=step-switch]:checked').count();
    expect(tab).toBe(`Rewrite (${on})`);
    expect(problems.all()).toEqual([]);
  });
});

describe('8. the diff', () => {
  it('side by side when wide, inline when narrow, the toggle always works, it grows, and it is never uncoloured', async () => {
    const { page, problems } = await open(browser(), { viewport: { width: 1500, height: 900 } });
    await setDockerfile(page, NAIVE);
    // Watch every frame from now on: the diff is never visible without its colours.
    await page.evaluate(() => {
      const w = window as unknown as { __uncoloured: number; __watching: boolean };
      w.__uncoloured = 0;
      w.__watching = true;
      const frame = () => {
        const diff = document.querySelector('[data-testid=diff]');
        if (diff && getComputedStyle(diff).visibility === 'visible' && diff.querySelector('.view-line')) {
          if (!diff.querySelector('.line-insert, .line-delete, .char-insert, .char-delete')) w.__uncoloured++;
        }
        if (w.__watching) requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    });
    await page.click('[data-testid=tab-rewrite]');
    await page.waitForSelector('[data-testid=diff][data-ready=true]', { timeout: 30_000 });
    expect(await page.getAttribute('[data-testid=diff]', 'data-layout')).toBe('side-by-side');
    await page.waitForSelector('[data-testid=diff] .monaco-diff-editor.side-by-side');
    const small = (await page.locator('[data-testid=diff]').boundingBox())!.height;
    // Narrow: inline by itself; the toggle switches to side by side even there, and back.
    await page.setViewportSize({ width: 1000, height: 900 });
    await page.waitForSelector('[data-testid=diff][data-layout=inline]');
    await page.click('[data-testid=diff-side-by-side]');
    await page.waitForSelector('[data-testid=diff] .monaco-diff-editor.side-by-side');
    await page.click('[data-testid=diff-inline]');
    await page.waitForSelector('[data-testid=diff][data-layout=inline]');
    await page.waitForSelector('[data-testid=diff] .monaco-diff-editor:not(.side-by-side)');
    // A longer file: the diff area grows with it (no fixed scrolling box).
    await setDockerfile(page, `${NAIVE}${Array.from({ length: 25 }, (_, i) => `LABEL n${i}=x\n`).join('')}`);
    // (up to three quarters of the window, where it starts to scroll inside)
    await page.waitForFunction(
      (h) =>
        (document.querySelector('[data-testid=diff]') as HTMLElement).getBoundingClientRect().height >=
        Math.min(h + 200, innerHeight * 0.75 - 2),
      small,
    );
    await page.evaluate(() => ((window as unknown as { __watching: boolean }).__watching = false));
    expect(await page.evaluate(() => (window as unknown as { __uncoloured: number }).__uncoloured)).toBe(0);
    expect(problems.all()).toEqual([]);
  });
});

describe('9. the embed', () => {
  it('renders code spans in findings; at 300 px the tab bar and a result stay visible', async () => {
    const context = await browser().newContext({ viewport: { width: 700, height: 800 } });
    contexts.push(context);
    const page = await context.newPage();
    const fragment = encodeState({ dockerfile: NAIVE, options: {} });
    await page.goto(`${baseURL()}/embed.html?panel=findings&height=300#${fragment}`);
    await page.waitForSelector('[data-testid=embed-summary]');
    await page.waitForSelector('[data-testid=embed-panel] li code');
    expect(await page.textContent('[data-testid=embed-panel]')).not.toContain('`');
    const embed = (await page.locator('[data-testid=embed]').boundingBox())!;
    expect(Math.round(embed.height)).toBe(300);
    const tabs = (await page.locator('[role=tablist]').boundingBox())!;
    const summary = (await page.locator('[data-testid=embed-summary]').boundingBox())!;
    expect(tabs.y + tabs.height).toBeLessThanOrEqual(embed.y + embed.height);
    expect(summary.y + summary.height).toBeLessThanOrEqual(embed.y + embed.height);
    const firstFinding = (await page.locator('[data-testid=embed-panel] li').first().boundingBox())!;
    expect(firstFinding.y).toBeLessThan(embed.y + embed.height);
  });

  it('issue 20: a link inflating to ~1 MB renders a slice of the lines, with a message', async () => {
    const context = await browser().newContext({ viewport: { width: 900, height: 800 } });
    contexts.push(context);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // Just under the 1 MB a link may unpack to (a larger one is refused as broken).
    const huge = `FROM alpine:3.20\n${'RUN echo a line of the huge Dockerfile that goes on\n'.repeat(18_000)}`;
    expect(huge.length).toBeGreaterThan(900_000);
    const fragment = encodeState({ dockerfile: huge, options: {} });
    expect(fragment.length).toBeLessThan(20_000);
    await page.goto(`${baseURL()}/embed.html#${fragment}`);
    await page.waitForSelector('[data-testid=embed-more-lines]');
    expect(await page.textContent('[data-testid=embed-more-lines]')).toMatch(/more lines not shown/);
    const nodes = await page.evaluate(() => document.querySelectorAll('*').length);
    expect(nodes).toBeLessThan(5_000);
    expect(await page.locator('[data-testid=embed-code] .ln').count()).toBeLessThanOrEqual(300);
    expect(errors).toEqual([]);
  });
});

describe('10. the words', () => {
  it('go mod download, reviewed unsafe fixes, stages counted from 1, names as written, packages already there', async () => {
    const { page, problems } = await open(browser());
    await setDockerfile(
      page,
      `FROM mycompany/base:1 AS tools
RUN echo hi

FROM golang:1.22
RUN go mod download
RUN apt-get update && apt-get install -y git curl
`,
    );
    await page.click('[data-testid=tab-findings]');
    const cache = page.locator('[data-testid=finding][data-rule=cache-mount]').first();
    expect(await cache.textContent()).toMatch(/go mod download without a cache mount/);
    expect(await cache.textContent()).not.toMatch(/go install/);
    // Stages: by name, or counted from 1.
    const stages = await page.locator('[data-testid=stage]').allTextContents();
    expect(stages[0]).toMatch(/^\s*tools/);
    expect(stages[1]).toMatch(/^\s*stage 2/);
    // The image name as written (the basis of the unknown base's layer).
    await page.click('[data-testid=tab-size]');
    await page.click('text=Layers of the builder stages');
    const builder = page.locator('[data-testid=layer]', { hasText: 'mycompany/base:1' }).first();
    await builder.locator('summary').click();
    const basis = (await builder.textContent()) ?? '';
    expect(basis).toContain('mycompany/base:1');
    expect(basis).not.toContain('Mycompany');
    // git and curl are in golang:1.22 already: the layer says so.
    const apt = page
      .locator('[data-testid=layer]', { hasText: 'RUN apt-get update && apt-get install -y git curl' })
      .first();
    await apt.locator('summary').click();
    expect(await apt.textContent()).toMatch(/already in the base image/);
    expect(problems.all()).toEqual([]);
  });

  it('an unsafe fix is shown for review before it is applied', async () => {
    const { page, problems } = await open(browser());
    await setDockerfile(page, NAIVE);
    await page.click('[data-testid=tab-findings]');
    const review = page.locator('[data-testid=finding-review]').first();
    await review.waitFor();
    const before = await editorText(page);
    await review.click();
    const panel = page.locator('[data-testid=fix-review]');
    await panel.waitFor();
    const [was, will] = await panel.locator('pre').allTextContents();
    expect(will).not.toBe(was);
    expect(await editorText(page)).toBe(before);
    const seq = await analysisSeq(page);
    await panel.locator('[data-testid=finding-fix]').click();
    await waitForAnalysis(page, seq);
    expect(await editorText(page)).toContain(will);
    expect(problems.all()).toEqual([]);
  });
});

describe('11. comforts', () => {
  it('a draggable split that is remembered, and a sticky tab bar', async () => {
    const { page, problems } = await open(browser(), { viewport: { width: 1400, height: 860 } });
    await setDockerfile(page, NAIVE);
    const editorWidth = async () => (await page.locator('[data-testid=editor]').boundingBox())!.width;
    const before = await editorWidth();
    const bar = (await page.locator('[data-testid=splitter]').boundingBox())!;
    await page.mouse.move(bar.x + bar.width / 2, bar.y + 200);
    await page.mouse.down();
    await page.mouse.move(bar.x - 250, bar.y + 210, { steps: 5 });
    await page.mouse.up();
    const dragged = await editorWidth();
    expect(dragged).toBeLessThan(before - 200);
    await page.reload();
    await waitForMonaco(page);
    expect(Math.abs((await editorWidth()) - dragged)).toBeLessThan(4);
    // Arrow keys move it too.
    await page.focus('[data-testid=splitter]');
    await page.keyboard.press('ArrowRight');
    expect(await editorWidth()).toBeGreaterThan(dragged);
    // Sticky: scroll the results; the tab bar stays at the top of the pane.
    await waitForAnalysis(page, 0);
    await page.click('[data-testid=tab-findings]');
    const pane = (await page.locator('#results').boundingBox())!;
    await page.evaluate(() => document.getElementById('results')!.scrollBy(0, 600));
    const tabs = (await page.locator('[role=tablist]').boundingBox())!;
    expect(await page.evaluate(() => document.getElementById('results')!.scrollTop)).toBeGreaterThan(100);
    expect(Math.abs(tabs.y - pane.y)).toBeLessThan(4);
    expect(problems.all()).toEqual([]);
  });

  it('installable: a web manifest with icons, a favicon, all precached for offline use', async () => {
    const { page, context, problems } = await open(browser());
    const manifestHref = await page.getAttribute('link[rel=manifest]', 'href');
    const manifestUrl = new URL(manifestHref!, page.url()).toString();
    const manifest = (await (await page.request.get(manifestUrl)).json()) as {
      name: string;
      start_url: string;
      display: string;
      icons: { src: string; sizes: string }[];
    };
    expect(manifest.name).toBe('Dockerfile Playground');
    expect(manifest.display).toBe('standalone');
    for (const icon of manifest.icons) {
      const response = await page.request.get(new URL(icon.src, manifestUrl).toString());
      expect(response.status(), icon.src).toBe(200);
    }
    expect(manifest.icons.some((i) => i.sizes === '512x512')).toBe(true);
    const favicon = await page.getAttribute('link[rel=icon]', 'href');
    expect((await page.request.get(new URL(favicon!, page.url()).toString())).status()).toBe(200);
    // Chromium's own verdict on installability.
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as {
      installabilityErrors: { errorId: string }[];
    };
    // (A test browser context is an incognito one; that says nothing about the app.)
    expect(installabilityErrors.map((e) => e.errorId).filter((id) => id !== 'in-incognito')).toEqual([]);
    // The service worker precaches the new files, so offline keeps working with them.
    const sw = await (await page.request.get(`${baseURL()}/sw.js`)).text();
    for (const file of ['manifest.webmanifest', 'favicon.svg', 'icon-192.png']) expect(sw).toContain(file);
    expect(problems.all()).toEqual([]);
  });
});
