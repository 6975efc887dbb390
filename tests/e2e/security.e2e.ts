// Issue 8 (security): the Content-Security-Policy holds during full use (no violation), no request
// leaves the page's origin (load, typing, share dialog, a permalink, the embed in an iframe of
// another site, the Learn page), and markup or script put into a Dockerfile or a permalink never runs.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { readFileSync, readdirSync } from 'node:fs';
import { deflateSync } from 'fflate';
import type { BrowserContext, Frame, Page } from 'playwright-core';
import { encodeBase64Url } from '../../src/share/base64url';
import { encodeState } from '../../src/share/permalink';
import {
  analysisSeq,
  baseURL,
  editorText,
  setDockerfile,
  useBrowser,
  waitForAnalysis,
  waitForMonaco,
  waitForQuiet,
} from './helpers';
import { DOCKERFILE_PLACES, injectionTraces, PAYLOADS, payloadDockerfile } from './payloads';

const browser = useBrowser();
/** Contexts to close even when a test fails. */
const contexts: BrowserContext[] = [];
afterEach(async () => {
  for (const context of contexts.splice(0)) await context.close().catch(() => {});
});

// The docs site that embeds the playground: another origin (a second local server).
let hostServer: Server | null = null;
let hostOrigin = '';
let hostHtml = '';
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

/** What a context saw: CSP violations (every frame), dialogs, requests and console CSP messages. */
interface Recorder {
  context: BrowserContext;
  requests: string[];
  offOrigin: string[];
  dialogs: string[];
  cspConsole: string[];
  violations(page: Page | Frame): Promise<string[]>;
  watch(page: Page): Page;
}

async function recordedContext(options: { bypassCSP?: boolean; allow?: string[] } = {}): Promise<Recorder> {
  const context = await browser().newContext({
    bypassCSP: options.bypassCSP ?? false,
    viewport: { width: 1280, height: 800 },
  });
  contexts.push(context);
  await context.addInitScript(() => {
    const list: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = list;
    document.addEventListener('securitypolicyviolation', (e) => {
      list.push(
        `${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`,
      );
    });
  });
  const origin = baseURL();
  const allowed = options.allow ?? [];
  const recorder: Recorder = {
    context,
    requests: [],
    offOrigin: [],
    dialogs: [],
    cspConsole: [],
    async violations(target) {
      return target.evaluate(
        () => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? ['(listener missing)'],
      );
    },
    watch(page) {
      page.on('dialog', (dialog) => {
        recorder.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
        void dialog.dismiss().catch(() => {});
      });
      page.on('console', (msg) => {
        if (/Content.Security.Policy|Refused to/i.test(msg.text())) recorder.cspConsole.push(msg.text());
      });
      page.setDefaultTimeout(15_000);
      return page;
    },
  };
  // Context-wide: the page, its frames, its workers (Monaco's and the analyzer) and the service worker.
  context.on('request', (request) => {
    const url = request.url();
    recorder.requests.push(url);
    const sameOrigin = url.startsWith(`${origin}/`) || url === origin;
    const local = url.startsWith('data:') || url.startsWith('blob:');
    if (!sameOrigin && !local && !allowed.includes(url)) recorder.offOrigin.push(url);
  });
  return recorder;
}

async function newPage(recorder: Recorder): Promise<Page> {
  return recorder.watch(await recorder.context.newPage());
}

async function openPlayground(recorder: Recorder, path = '/'): Promise<Page> {
  const page = await newPage(recorder);
  await page.goto(`${baseURL()}${path}`);
  await waitForMonaco(page);
  await waitForAnalysis(page, 0);
  return page;
}

async function showTab(page: Page, tab: string): Promise<void> {
  await page.click(`[data-testid=tab-${tab}]`);
  await page.waitForSelector(`[data-testid=tab-${tab}][aria-selected=true]`);
}

async function openShare(page: Page): Promise<void> {
  await page.click('[data-testid=share-button]');
  await page.waitForSelector('[data-testid=share-dialog][open] [data-testid=share-link]');
}

async function closeShare(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await page.waitForSelector('[data-testid=share-dialog]:not([open])', { state: 'attached' });
}

async function embedFrame(page: Page): Promise<Frame> {
  await page.waitForSelector('iframe');
  const frame = await (await page.$('iframe'))!.contentFrame();
  if (!frame) throw new Error('no frame');
  await frame.waitForSelector('[data-testid=embed-code]');
  return frame;
}

const NORMAL = `FROM node:20
WORKDIR /app
COPY . .
RUN apt-get update && apt-get install -y git
RUN npm install
CMD ["npm", "start"]
`;

describe('Content-Security-Policy', () => {
  it('vite preview sends the policy of public/_headers; both pages carry it as a <meta>', async () => {
    const expected = [
      "default-src 'self'",
      "script-src 'self' 'wasm-unsafe-eval'",
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data:",
      "font-src 'self'",
      "worker-src 'self'",
      "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      expect.stringMatching(/^require-trusted-types-for 'script'$/),
      expect.stringMatching(/^trusted-types default svelte-trusted-html /),
    ];
    for (const page of ['index.html', 'embed.html']) {
      const html = readFileSync(new URL(`../../dist/${page}`, import.meta.url), 'utf8');
      const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(html)?.[1] ?? '';
      expect(meta.split(/;\s*/)).toEqual(expected);
      // frame-ancestors is ignored (with a console error) in a <meta>: only the header sets it.
      expect(meta).not.toContain('frame-ancestors');
      expect(meta).not.toMatch(/(^|\s)'unsafe-eval'/);
    }
    if (process.env.E2E_BASE_URL) return; // another server: its headers are its own business
    const context = await browser().newContext();
    // public/_headers: only the site may frame the playground; anyone may frame the embed. The
    // workers' scripts get the policy too (a worker does not inherit the page's <meta>).
    const framing: Record<string, string> = {
      '/': "frame-ancestors 'self'",
      '/index.html': "frame-ancestors 'self'",
      '/embed.html': 'frame-ancestors *',
    };
    const workerScript = readdirSync(new URL('../../dist/assets', import.meta.url)).find((f) =>
      /^analyzer\.worker-.*\.js$/.test(f),
    );
    expect(workerScript).toBeTruthy();
    framing[`/assets/${workerScript}`] = "frame-ancestors 'self'";
    for (const [path, frameAncestors] of Object.entries(framing)) {
      const response = await context.request.get(`${baseURL()}${path}`);
      const header = response.headers()['content-security-policy'] ?? '';
      // The workers' scripts have no HTML: their policy has no Trusted Types directives.
      const want = path.startsWith('/assets/') ? expected.slice(0, -2) : expected;
      expect(header.split(/;\s*/), path).toEqual([...want, frameAncestors]);
      expect(response.headers()['cross-origin-opener-policy'], path).toBe('same-origin');
    }
    await context.close();
  });

  it('full use raises no violation and sends no request off the origin', async () => {
    const hostPage = `${hostOrigin}/docs/page.html`;
    const rec = await recordedContext({ allow: [hostPage] });
    // Load, type, the tabs (rewrite diff, Learn), the share dialog.
    const page = await openPlayground(rec);
    await setDockerfile(page, NORMAL);
    const typedAfter = await analysisSeq(page);
    await page.click('.monaco-editor .view-lines');
    await page.keyboard.press('Control+End');
    await page.keyboard.type('EXPOSE 8080\n');
    await waitForAnalysis(page, typedAfter);
    for (const tab of ['size', 'findings', 'rewrite', 'base', 'impact', 'assumptions'])
      await showTab(page, tab);
    await showTab(page, 'rewrite');
    await page.waitForSelector('[data-testid=diff] .monaco-diff-editor');
    await page.click('[data-testid=open-learn]');
    await page.click('[data-testid=learn-link] >> nth=0');
    await page.waitForSelector('[data-testid=learn-page]');
    await openShare(page);
    const link = await page.inputValue('[data-testid=share-link]');
    await closeShare(page);
    expect(await rec.violations(page)).toEqual([]);

    // The permalink, opened in a new tab.
    const opened = await newPage(rec);
    await opened.goto(link);
    await waitForMonaco(opened);
    await waitForAnalysis(opened, 0);
    expect(await editorText(opened)).toContain('EXPOSE 8080');
    expect(await rec.violations(opened)).toEqual([]);

    // The embed in an iframe on another site: static view, results, then the editor.
    hostHtml = `<!doctype html><title>Docs</title><h1>Docs</h1>
      <iframe src="${baseURL()}/embed.html?panel=findings#${encodeState({ dockerfile: NORMAL, options: {} })}"
        title="Example" width="100%" height="600" style="border:0"></iframe>`;
    const host = await newPage(rec);
    await host.goto(hostPage);
    const frame = await embedFrame(host);
    await frame.waitForSelector('[data-testid=embed-summary]', { timeout: 60_000 });
    await frame.click('[data-testid=embed-tab-diff]');
    const edit = await frame.$('[data-testid=embed-edit]');
    if (edit) {
      await edit.click();
      await frame.waitForSelector('[data-testid=embed-editor] .monaco-editor .view-lines', {
        timeout: 30_000,
      });
    }
    expect(await rec.violations(frame)).toEqual([]);

    // The embed page on its own.
    const embed = await newPage(rec);
    await embed.goto(
      `${baseURL()}/embed.html?panel=diff#${encodeState({ dockerfile: NORMAL, options: {} })}`,
    );
    await embed.waitForSelector('[data-testid=embed-summary]', { timeout: 60_000 });
    expect(await rec.violations(embed)).toEqual([]);

    expect(rec.cspConsole).toEqual([]);
    expect(rec.offOrigin).toEqual([]);
    expect(rec.requests.length).toBeGreaterThan(10);
    console.log(
      `security: ${rec.requests.length} requests during full use, ${rec.offOrigin.length} off the origin, 0 CSP violations`,
    );
    await rec.context.close();
  }, 240_000);

  it('Trusted Types: a plain string reaches no HTML or script sink; workers only from the site', async () => {
    const rec = await recordedContext();
    const page = await openPlayground(rec);
    const outcomes = await page.evaluate(() => {
      const attempt = (run: () => unknown) => {
        try {
          run();
          return 'allowed';
        } catch (error) {
          return error instanceof TypeError ? 'refused' : `other: ${String(error)}`;
        }
      };
      return {
        innerHTML: attempt(() => (document.createElement('div').innerHTML = '<img src=x>')),
        foreignWorker: attempt(() => new Worker('https://elsewhere.test/w.js')),
        ownWorker: attempt(() => new Worker(new URL('./sw.js', location.href)).terminate()),
      };
    });
    expect(outcomes).toEqual({ innerHTML: 'refused', foreignWorker: 'refused', ownWorker: 'allowed' });
    await rec.context.close();
  });
});

describe('injected markup never runs', () => {
  /** Every panel of the playground, plus the share dialog: where text from the Dockerfile shows. */
  async function visitEverything(page: Page): Promise<void> {
    for (const tab of ['size', 'findings', 'rewrite', 'base', 'impact', 'assumptions']) {
      await showTab(page, tab);
      if (tab === 'findings') {
        for (const summary of await page.$$('[data-testid=finding] summary')) await summary.click();
      }
    }
    await showTab(page, 'rewrite');
    await page.waitForSelector('[data-testid=diff] .monaco-diff-editor').catch(() => {});
    await openShare(page);
    await closeShare(page);
  }

  async function expectClean(rec: Recorder, target: Page | Frame, where: string): Promise<void> {
    // An onerror of a broken <img> fires asynchronously, once the image has failed.
    await target.waitForFunction(() => [...document.images].every((img) => img.complete));
    await waitForQuiet(target, 200);
    expect(await target.evaluate(injectionTraces), where).toEqual([]);
    expect(rec.dialogs, where).toEqual([]);
  }

  it('payloads in every place of a typed Dockerfile and of a permalink (CSP bypassed: escaping alone)', async () => {
    const rec = await recordedContext({ bypassCSP: true });
    const dockerfile = payloadDockerfile();
    // Typed (pasted) into the editor.
    const page = await openPlayground(rec);
    await setDockerfile(page, dockerfile);
    // The payloads reached the page, as text.
    expect(await page.textContent('[data-testid=stages]')).toContain(PAYLOADS[1].replace(/\s+/g, ''));
    await visitEverything(page);
    await expectClean(rec, page, 'typed Dockerfile');

    // The same through a permalink, with a payload title.
    let tried = PAYLOADS.length * DOCKERFILE_PLACES.length;
    const linked = await newPage(rec);
    await linked.goto(`${baseURL()}/#${encodeState({ dockerfile, options: {}, title: PAYLOADS[1] })}`);
    await waitForMonaco(linked);
    await waitForAnalysis(linked, 0);
    expect(await editorText(linked)).toBe(dockerfile);
    await visitEverything(linked);
    await expectClean(rec, linked, 'permalink');
    tried += PAYLOADS.length * DOCKERFILE_PLACES.length;

    // Each payload as the link's title, and in the fields of the link's JSON that are read back
    // (the rules version is quoted in a notice; option lists and context values are validated).
    for (const payload of PAYLOADS) {
      const json = {
        d: `# ${payload}\nFROM alpine\nLABEL x="${payload.replace(/"/g, '')}"\n`,
        t: payload,
        r: payload,
        o: { sd: [payload], se: [payload], rd: [payload], c: { sourceBytes: payload, hasGit: payload } },
      };
      const fragment = `v1/${encodeBase64Url(deflateSync(new TextEncoder().encode(JSON.stringify(json)), { level: 9 }))}`;
      const before = await waitForAnalysis(linked, 0);
      await linked.evaluate((f) => (location.hash = f), fragment);
      await waitForAnalysis(linked, before);
      await openShare(linked);
      expect(await linked.inputValue('[data-testid=share-title-input]')).toBe(payload.trim().slice(0, 120));
      await closeShare(linked);
      await expectClean(rec, linked, `link fields: ${payload}`);
      tried += 5;
    }

    // The embed: static view, each panel, the title and the editor.
    const embed = await newPage(rec);
    for (const payload of [PAYLOADS[1], PAYLOADS[5], PAYLOADS[23]]) {
      const fragment = encodeState({ dockerfile, options: {}, title: payload });
      await embed.goto('about:blank'); // a new fragment alone would not reload the embed
      await embed.goto(`${baseURL()}/embed.html?panel=findings#${fragment}`);
      await embed.waitForSelector('[data-testid=embed-summary]', { timeout: 60_000 });
      expect(await embed.textContent('header .title')).toBe(payload.trim().slice(0, 120));
      for (const tab of ['size', 'diff', 'findings']) await embed.click(`[data-testid=embed-tab-${tab}]`);
      await expectClean(rec, embed, `embed, title ${payload}`);
      tried += 1 + PAYLOADS.length * DOCKERFILE_PLACES.length;
    }
    const edit = await embed.$('[data-testid=embed-edit]');
    if (edit) {
      await edit.click();
      await embed.waitForSelector('[data-testid=embed-editor] .monaco-editor .view-lines', {
        timeout: 30_000,
      });
      await expectClean(rec, embed, 'embed editor');
    }
    expect(rec.offOrigin).toEqual([]);
    console.log(`security: ${PAYLOADS.length} payloads, ${tried} placements tried, 0 ran`);
    await rec.context.close();
  }, 400_000);

  it('with the policy on, the payload Dockerfile raises no CSP violation either', async () => {
    const rec = await recordedContext();
    const page = await openPlayground(
      rec,
      `/#${encodeState({ dockerfile: payloadDockerfile(), options: {}, title: PAYLOADS[0] })}`,
    );
    await visitEverything(page);
    await expectClean(rec, page, 'permalink with the policy on');
    expect(await rec.violations(page)).toEqual([]);
    expect(rec.cspConsole).toEqual([]);
    expect(rec.offOrigin).toEqual([]);
    await rec.context.close();
  }, 240_000);
});
