// The embed inside an iframe on a host page of another origin: static view first, results from
// the worker, auto-height through postMessage, a fixed height without it, "Open in playground",
// the <dockerfile-playground> element, and the first-load JavaScript budget.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import { createServer, type Server } from 'node:http';
import { gzipSync } from 'node:zlib';
import type { BrowserContext, Frame, Page } from 'playwright-core';
import { encodeState } from '../../src/share/permalink';
import { baseURL, editorText, useBrowser, waitForAnalysis, waitForMonaco, waitForQuiet } from './helpers';

const browser = useBrowser();
/** The docs site: a real local server on another port (another origin). A routed, made-up host
 *  would count as a public site, and Chromium blocks public pages from framing loopback ones. */
let hostHtml = '';
let hostServer: Server | null = null;
let hostOrigin = '';
beforeAll(async () => {
  hostServer = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(hostHtml);
  });
  await new Promise<void>((resolve) => hostServer!.listen(0, '127.0.0.1', () => resolve()));
  const address = hostServer.address();
  hostOrigin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => (hostServer ? hostServer.close(() => resolve()) : resolve()));
});

async function hostPage(context: BrowserContext, html: string): Promise<Page> {
  hostHtml = html;
  const page = await context.newPage();
  await page.goto(`${hostOrigin}/docs/page.html`);
  return page;
}

const DOCKERFILE = `FROM node:20
WORKDIR /app
COPY . .
RUN npm install
RUN npm run build
CMD ["npm", "start"]
`;

async function embedFrame(page: Page, index = 0): Promise<Frame> {
  await page.waitForFunction((i) => document.querySelectorAll('iframe').length > i, index);
  const handle = (await page.$$('iframe'))[index];
  const frame = await handle.contentFrame();
  if (!frame) throw new Error('no frame');
  await frame.waitForSelector('[data-testid=embed-code]');
  return frame;
}

const AUTO_HEIGHT = `<script>
addEventListener('message', function (e) {
  if (!e.data || e.data.type !== 'dockerfile-playground:height') return;
  document.querySelectorAll('iframe[data-dockerfile-playground]').forEach(function (f) {
    if (f.contentWindow === e.source) f.style.height = Math.min(Math.max(+e.data.height || 0, 120), 4000) + 'px';
  });
});
</script>`;

describe('embed', () => {
  it('shows the Dockerfile at once, then the results, and resizes its frame (auto-height)', async () => {
    const context = await browser().newContext();
    const fragment = encodeState({ dockerfile: DOCKERFILE, options: {}, title: 'Naive <Node> image' });
    const src = `${baseURL()}/embed.html?panel=findings#${fragment}`;
    const page = await hostPage(
      context,
      `<!doctype html><title>Docs</title><h1>Docs</h1>
       <iframe src="${src}" title="Naive Node image" width="100%" height="480" style="border:0" data-dockerfile-playground></iframe>
       <iframe src="${baseURL()}/embed.html?theme=dark&readonly=1#${fragment}" title="second" height="480" data-dockerfile-playground></iframe>
       ${AUTO_HEIGHT}`,
    );
    const frame = await embedFrame(page);
    expect(await frame.textContent('[data-testid=embed-code]')).toContain('RUN npm install');
    // The title is text, not markup.
    expect(await frame.textContent('header .title')).toBe('Naive <Node> image');
    await frame.waitForSelector('[data-testid=embed-summary]', { timeout: 60_000 });
    expect(await frame.textContent('[data-testid=embed-summary]')).toMatch(/finding/);
    // Monaco is not loaded before interaction.
    expect(await frame.evaluate(() => !!document.querySelector('.monaco-editor'))).toBe(false);

    // Auto-height: the frame takes the height the embed reports.
    await page.waitForFunction(() => {
      const f = document.querySelector('iframe');
      return !!f && f.style.height !== '' && f.style.height !== '480px';
    });
    // The frame settles at the height of the content (the last report wins).
    await expect
      .poll(
        async () => {
          const reported = await frame.evaluate(() =>
            Math.ceil(document.querySelector('[data-testid=embed]')!.getBoundingClientRect().height),
          );
          const frameHeight = await page.evaluate(() =>
            parseInt(document.querySelector('iframe')!.style.height, 10),
          );
          return Math.abs(frameHeight - reported);
        },
        { timeout: 30_000, interval: 100 },
      )
      .toBeLessThanOrEqual(2);
    const frameHeight = await page.evaluate(() =>
      parseInt(document.querySelector('iframe')!.style.height, 10),
    );

    // Switching the panel changes the content height and the frame follows.
    await frame.click('[data-testid=embed-tab-size]');
    await page.waitForFunction(
      (h) => parseInt(document.querySelector('iframe')!.style.height, 10) !== h,
      frameHeight,
    );

    // The second embed on the page is dark and read-only (no Edit button).
    const second = await embedFrame(page, 1);
    expect(await second.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    expect(await second.$('[data-testid=embed-edit]')).toBeNull();
    await context.close();
  });

  it('a fixed height stays fixed and the content scrolls inside', async () => {
    const context = await browser().newContext();
    const fragment = encodeState({ dockerfile: DOCKERFILE, options: {} });
    const page = await hostPage(
      context,
      `<!doctype html><iframe src="${baseURL()}/embed.html?height=260#${fragment}" title="x" height="260" style="border:0" data-dockerfile-playground></iframe>${AUTO_HEIGHT}`,
    );
    const frame = await embedFrame(page);
    await frame.waitForSelector('[data-testid=embed-summary]', { timeout: 60_000 });
    await waitForQuiet(frame);
    expect(await page.evaluate(() => document.querySelector('iframe')!.style.height)).toBe('');
    expect(
      await frame.evaluate(() =>
        Math.round(document.querySelector('[data-testid=embed]')!.getBoundingClientRect().height),
      ),
    ).toBe(260);
    await context.close();
  });

  it('"Open in playground" carries the state, also after editing in the embed', async () => {
    const context = await browser().newContext();
    const fragment = encodeState({ dockerfile: DOCKERFILE, options: {} });
    const page = await context.newPage();
    await page.goto(`${baseURL()}/embed.html#${fragment}`);
    await page.waitForSelector('[data-testid=embed-code]');
    expect(await page.getAttribute('[data-testid=embed-open]', 'href')).toBe(`./index.html#${fragment}`);
    // Editing loads Monaco on demand.
    await page.click('[data-testid=embed-edit]');
    await page.waitForSelector('[data-testid=embed-editor] .monaco-editor .view-lines', { timeout: 30_000 });
    await page.click('[data-testid=embed-editor] .view-lines');
    await page.keyboard.press('Control+End');
    await page.keyboard.insertText('EXPOSE 3000\n');
    await page.waitForFunction(
      (f) => document.querySelector('[data-testid=embed-open]')?.getAttribute('href') !== `./index.html#${f}`,
      fragment,
    );
    const [opened] = await Promise.all([
      context.waitForEvent('page'),
      page.click('[data-testid=embed-open]'),
    ]);
    await waitForMonaco(opened);
    await waitForAnalysis(opened, 0);
    expect(await editorText(opened)).toBe(`${DOCKERFILE}EXPOSE 3000\n`);
    await context.close();
  });

  it('has no serious accessibility violations, light and dark, on every panel (axe)', async () => {
    const fragment = encodeState({ dockerfile: DOCKERFILE, options: {} });
    for (const theme of ['light', 'dark']) {
      const context = await browser().newContext();
      const page = await context.newPage();
      await page.goto(`${baseURL()}/embed.html?theme=${theme}#${fragment}`);
      await page.waitForSelector('[data-testid=embed-summary]', { timeout: 60_000 });
      for (const panel of ['size', 'findings', 'diff']) {
        await page.click(`[data-testid=embed-tab-${panel}]`);
        const result = await new AxeBuilder({ page }).analyze();
        const serious = result.violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${theme}/${panel}: ${v.id} (${v.nodes.length}) ${v.nodes[0]?.target.join(' ')}`);
        expect(serious).toEqual([]);
      }
      await context.close();
    }
  });

  it('a broken embed link says so and still shows something', async () => {
    const context = await browser().newContext();
    const page = await context.newPage();
    await page.goto(`${baseURL()}/embed.html#v1/AAAAAAAA`);
    await page.waitForSelector('[data-testid=embed-broken]');
    expect(await page.textContent('[data-testid=embed-code]')).toContain('FROM');
    await context.close();
  });

  it('the <dockerfile-playground> element turns inline text into an auto-height embed', async () => {
    const context = await browser().newContext();
    const page = await hostPage(
      context,
      `<!doctype html><title>Docs</title>
       <script src="${baseURL()}/embed-element.js" defer></script>
       <p>Before:</p>
       <dockerfile-playground panel="size" title="Inline example">
         FROM python:3.12
         WORKDIR /app
         COPY . .
         RUN pip install -r requirements.txt
       </dockerfile-playground>
       <dockerfile-playground height="300"><script type="text/dockerfile">
FROM alpine
RUN cat <<EOF > /etc/motd
hello
EOF
</script></dockerfile-playground>`,
    );
    await page.waitForSelector('dockerfile-playground iframe');
    const frame = await embedFrame(page, 0);
    expect(await frame.textContent('[data-testid=embed-code]')).toMatch(
      /^1FROM python:3\.12\n2WORKDIR \/app/,
    );
    expect(await page.getAttribute('dockerfile-playground iframe', 'title')).toBe('Inline example');
    await page.waitForFunction(() => {
      const f = document.querySelector('dockerfile-playground iframe') as HTMLIFrameElement | null;
      return !!f && f.style.height !== '480px';
    });
    const second = await embedFrame(page, 1);
    expect(await second.textContent('[data-testid=embed-code]')).toContain('RUN cat <<EOF > /etc/motd');
    expect(
      await page.evaluate(() => (document.querySelectorAll('iframe')[1] as HTMLIFrameElement).style.height),
    ).toBe('300px');
    await context.close();
  });

  it('first load stays light: JavaScript before interaction, gzip', async () => {
    const context = await browser().newContext();
    const page = await context.newPage();
    const scripts: string[] = [];
    page.on('request', (r) => {
      // Worker scripts run off the main thread (the brief's budget is for the page's own JS).
      if (r.resourceType() === 'script' && !/\.worker-/.test(r.url())) scripts.push(r.url());
    });
    const fragment = encodeState({ dockerfile: DOCKERFILE, options: {} });
    await page.goto(`${baseURL()}/embed.html#${fragment}`);
    await page.waitForSelector('[data-testid=embed-summary]', { timeout: 60_000 });
    let total = 0;
    for (const url of scripts) {
      const body = Buffer.from(await (await fetch(url)).arrayBuffer());
      total += gzipSync(body, { level: 6 }).length;
    }
    console.log(
      `embed first-load JS: ${scripts.length} files, ${(total / 1024).toFixed(1)} KiB gzip`,
      scripts,
    );
    expect(scripts.some((u) => /monaco/.test(u))).toBe(false);
    expect(total).toBeLessThan(40 * 1024);
    await context.close();
  });
});
