// Issue 18, points 1–6: the first screen, the Base image headline, Learn addresses, downloads, the
// phone layout and the keyboard. Real worker, real Monaco, real Chromium.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { encodeState } from '../../src/share/permalink';
import {
  analysisSeq,
  baseURL,
  editorText,
  openApp,
  setDockerfile,
  typeInEditor,
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

/** Holds the page's requests for scripts matching `pattern` until the returned release is called. */
async function holdScripts(page: Page, pattern: RegExp): Promise<() => void> {
  let release: () => void = () => {};
  const held = new Promise<void>((r) => (release = r));
  await page.route(pattern, async (route) => {
    await held;
    await route.continue();
  });
  return release;
}

const focusedTestId = (page: Page) =>
  page.evaluate(() => document.activeElement?.closest('[data-testid]')?.getAttribute('data-testid'));

describe('1. the first screen', () => {
  it('says what the tool does, shows a skeleton with a progress sign, and the editor text does not move when Monaco arrives', async () => {
    const context = await browser().newContext({ viewport: { width: 1400, height: 860 } });
    contexts.push(context);
    const page = await context.newPage();
    // Hold the analyzer's worker script until the first screen has been checked (no race).
    const release = await holdScripts(page, /analyzer.*\.js$/);
    await page.goto(`${baseURL()}/`);
    expect(await page.textContent('[data-testid=tagline]')).toMatch(/Paste a Dockerfile/);
    await page.waitForSelector('[data-testid=skeleton] [role=status]');
    expect(await page.textContent('[data-testid=skeleton]')).toMatch(/Estimating the image size/);
    expect(await page.locator('[data-testid=skeleton] .spinner').count()).toBe(1);
    // The stand-in editor: where its text starts, and its font.
    const standIn = await page.evaluate(() => {
      const area = document.querySelector('[data-testid=editor-placeholder]') as HTMLTextAreaElement;
      const host = document.querySelector('[data-testid=editor]')!.getBoundingClientRect();
      const style = getComputedStyle(area);
      return {
        left: area.getBoundingClientRect().left - host.left,
        font: style.fontFamily,
        size: style.fontSize,
        lineHeight: style.lineHeight,
        background: getComputedStyle(area.parentElement!).backgroundColor,
      };
    });
    release();
    await waitForMonaco(page);
    await waitForAnalysis(page, 0);
    const monaco = await page.evaluate(() => {
      const lines = document.querySelector('.monaco-editor .view-lines') as HTMLElement;
      const host = document.querySelector('[data-testid=editor]')!.getBoundingClientRect();
      const line = document.querySelector('.monaco-editor .view-line') as HTMLElement;
      return {
        left: lines.getBoundingClientRect().left - host.left,
        font: getComputedStyle(lines).fontFamily,
        size: getComputedStyle(lines).fontSize,
        lineHeight: `${line.getBoundingClientRect().height}px`,
        background: getComputedStyle(document.querySelector('.monaco-editor-background')!).backgroundColor,
      };
    });
    expect(Math.abs(standIn.left - monaco.left)).toBeLessThanOrEqual(1);
    // Monaco appends its own fallbacks to the family it was given.
    expect(monaco.font.replace(/"/g, "'").startsWith(standIn.font.replace(/"/g, "'"))).toBe(true);
    expect(standIn.size).toBe(monaco.size);
    expect(standIn.lineHeight).toBe(monaco.lineHeight);
    expect(standIn.background).toBe(monaco.background);
    // The results start with what matters, not with the timing.
    const first = await page.evaluate(
      () => (document.querySelector('#results') as HTMLElement).innerText.trim().split('\n')[0],
    );
    expect(first).toMatch(/^Estimated /);
    expect(await page.textContent('[data-testid=status]')).toMatch(/Analyzed in \d+ ms/);
  });
});

/** Each visible character of the editor with its colour, line by line (whitespace skipped). */
type Painted = [string, string][][];

const COLOURED = `# syntax=docker/dockerfile:1
ARG NODE=20
FROM node:\${NODE} AS build
ENV APP_HOME=/app PATH="$APP_HOME/bin:$PATH"
RUN echo 'single $HOME' \\
    && echo "double \${NODE}" > /tmp/x
CMD ["npm", "start"]
`;

describe('1. the stand-in editor is coloured as Monaco colours it', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    it(`keywords, comments, strings and variables (${colorScheme})`, async () => {
      const context = await browser().newContext({ viewport: { width: 1400, height: 860 }, colorScheme });
      contexts.push(context);
      const page = await context.newPage();
      // Hold Monaco until the stand-in has been read (no race with its arrival).
      const release = await holdScripts(page, /monaco.*\.js$/);
      await page.goto(`${baseURL()}/#${encodeState({ dockerfile: COLOURED, options: {} })}`);
      await page.waitForSelector('[data-testid=editor-paint]');
      const standIn: Painted = await page.evaluate(() => {
        const lines: [string, string][][] = [[]];
        const pre = document.querySelector('[data-testid=editor-paint]')!;
        for (const node of pre.childNodes) {
          const colour = getComputedStyle(node instanceof Element ? node : pre).color;
          for (const ch of node.textContent ?? '') {
            if (ch === '\n') lines.push([]);
            else if (/\S/.test(ch) && ch !== '\u200b') lines[lines.length - 1].push([ch, colour]);
          }
        }
        return lines;
      });
      // The text area's own text is transparent over the coloured copy.
      expect(await page.$eval('[data-testid=editor-placeholder]', (el) => getComputedStyle(el).color)).toBe(
        'rgba(0, 0, 0, 0)',
      );
      release();
      await waitForMonaco(page);
      // Monaco loads its Dockerfile grammar after the editor and colours the lines top to bottom:
      // wait until the last line's keyword is coloured.
      await page.waitForFunction(() =>
        [...document.querySelectorAll('.monaco-editor .view-line span span')].some(
          (span) => span.textContent === 'CMD' && !span.classList.contains('mtk1'),
        ),
      );
      const monaco: Painted = await page.evaluate(() => {
        const rows = [...document.querySelectorAll<HTMLElement>('.monaco-editor .view-line')].sort(
          (a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top,
        );
        return rows.map((row) =>
          [...row.querySelectorAll('span span')].flatMap((span) =>
            [...(span.textContent ?? '')]
              .filter((ch) => /\S/.test(ch))
              .map((ch) => [ch, getComputedStyle(span).color] as [string, string]),
          ),
        );
      });
      expect(standIn.slice(0, monaco.length)).toEqual(monaco);
      // Every class the grammar knows is present, in a colour of its own.
      const colourOf = (line: number, ch: string) => standIn[line].find(([c]) => c === ch)![1];
      const colours = new Set([
        colourOf(0, '#'), // comment
        colourOf(2, 'F'), // keyword
        colourOf(3, '"'), // string
        colourOf(4, '$'), // variable inside a single-quoted string
      ]);
      expect(colours.size).toBe(4);
    });
  }
});

describe('2. the Base image headline is the whole image', () => {
  for (const base of ['node:18', 'python:3.11']) {
    it(`${base}: headline, finding and alternatives agree`, async () => {
      const { page, problems } = await open(browser());
      await setDockerfile(page, `FROM ${base}\nCMD ["true"]\n`);
      // The finding's figure: "(997 MB → 215 MB on disk)".
      await page.click('[data-testid=tab-findings]');
      const message = await page.textContent('[data-testid=finding][data-rule=slim-base-image]');
      const fromFinding = /\(([\d.]+) (MB|GB) →/.exec(message ?? '');
      expect(fromFinding, message ?? '').not.toBeNull();
      const toBytes = (n: string, unit: string) => Number(n) * (unit === 'GB' ? 1e9 : 1e6);
      const findingBytes = toBytes(fromFinding![1], fromFinding![2]);
      await page.click('[data-testid=tab-base]');
      const headline = (await page.textContent('[data-testid=base-size]')) ?? '';
      const [, n, unit] = /([\d.]+) (MB|GB)/.exec(headline)!;
      const headlineBytes = toBytes(n, unit);
      // More than one layer: the first layer alone is far smaller than the image.
      expect(await page.textContent('[data-testid=base-panel]')).toMatch(/\(\d+ layers\)/);
      expect(Math.abs(headlineBytes - findingBytes) / findingBytes).toBeLessThan(0.01);
      // Each alternative's size minus its difference is the same base figure.
      for (const alt of await page.locator('[data-testid=alternative]').all()) {
        const text = (await alt.textContent()) ?? '';
        const size = /([\d.]+) (MB|GB) on disk/.exec(text)!;
        const delta = /([−+-])([\d.]+) (MB|GB)/.exec(text.slice(text.indexOf('compressed')))!;
        const sign = delta[1] === '+' ? 1 : -1;
        const implied = toBytes(size[1], size[2]) - sign * toBytes(delta[2], delta[3]);
        expect(Math.abs(implied - headlineBytes) / headlineBytes, text).toBeLessThan(0.01);
      }
      expect(problems.all()).toEqual([]);
    });
  }
});

describe('3. Learn pages have addresses', () => {
  it('#learn and #learn/<rule> are real links; Back and Forward move between them', async () => {
    const { page, problems } = await open(browser());
    await setDockerfile(page, NAIVE);
    await page.click('[data-testid=tab-findings]');
    const learn = page.locator('[data-testid=finding-learn]').first();
    const rule = (await page.locator('[data-testid=finding]').first().getAttribute('data-rule'))!;
    expect(await learn.getAttribute('href')).toBe(`#learn/${rule}`);
    await learn.click();
    await page.waitForSelector(`[data-testid=learn-page][data-rule="${rule}"]`);
    expect(new URL(page.url()).hash).toBe(`#learn/${rule}`);
    await page.click('[data-testid=learn-all]');
    await page.waitForSelector('[data-testid=learn-link]');
    expect(new URL(page.url()).hash).toBe('#learn');
    // Back: the rule page again; Back: the findings; Forward: the rule page.
    await page.goBack();
    await page.waitForSelector(`[data-testid=learn-page][data-rule="${rule}"]`);
    await page.goBack();
    await page.waitForSelector('[data-testid=findings-panel]');
    expect(await page.getAttribute('[data-testid=tab-findings]', 'aria-selected')).toBe('true');
    expect(new URL(page.url()).hash).not.toMatch(/learn/);
    await page.goForward();
    await page.waitForSelector(`[data-testid=learn-page][data-rule="${rule}"]`);
    // The text survived all of it.
    expect(await editorText(page)).toBe(NAIVE);
    expect(await page.locator('[data-testid=draft-banner]').count()).toBe(0);
    expect(problems.all()).toEqual([]);
  });

  it('a rule address opens its page in a new tab', async () => {
    const { page, problems } = await open(browser(), { path: '/#learn/apt-lists-not-removed' });
    await page.waitForSelector('[data-testid=learn-page][data-rule="apt-lists-not-removed"]');
    expect(await page.getAttribute('[data-testid=learn-permalink]', 'href')).toBe(
      '#learn/apt-lists-not-removed',
    );
    expect(problems.all()).toEqual([]);
  });

  it('coexists with #v1/ permalinks: leaving Learn keeps the link, and an edit made there', async () => {
    const text = 'FROM alpine:3.20\nRUN apk add curl\n';
    const fragment = encodeState({ dockerfile: text, options: {} });
    const { page, problems } = await open(browser(), { path: `/#${fragment}` });
    expect(await editorText(page)).toBe(text);
    await page.click('[data-testid=open-learn]');
    await page.waitForSelector('[data-testid=learn-link]');
    expect(new URL(page.url()).hash).toBe('#learn');
    await page.goBack();
    await page.waitForSelector('[data-testid=size-panel]');
    expect(new URL(page.url()).hash).toBe(`#${fragment}`);
    // Edit while a Learn page is open, then go back: the address carries the edited text.
    await page.click('[data-testid=open-learn]');
    await page.waitForSelector('[data-testid=learn-link]');
    const seq = await analysisSeq(page);
    await typeInEditor(page, 'USER 1000\n');
    await waitForAnalysis(page, seq);
    expect(new URL(page.url()).hash).toBe('#learn');
    await page.goBack();
    await page.waitForFunction(
      (old) => location.hash !== `#${old}` && location.hash.startsWith('#v1'),
      fragment,
    );
    expect(await editorText(page)).toBe(`${text}USER 1000\n`);
    expect(await page.locator('[data-testid=draft-banner]').count()).toBe(0);
    // #example/<id> stays as opened.
    await page.goto(`${baseURL()}/#example/go-scratch`);
    await waitForMonaco(page);
    await page.click('[data-testid=open-learn]');
    await page.waitForSelector('[data-testid=learn-link]');
    await page.goBack();
    await page.waitForSelector('[data-testid=size-panel]');
    expect(new URL(page.url()).hash).toBe('#example/go-scratch');
    expect(problems.pageErrors).toEqual([]);
  });
});

/** The names in a zip's central directory. */
function zipNames(bytes: Buffer): string[] {
  const names: string[] = [];
  for (let at = bytes.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); at >= 0;) {
    const length = bytes.readUInt16LE(at + 28);
    const extra = bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
    names.push(bytes.subarray(at + 46, at + 46 + length).toString('utf8'));
    const next = at + 46 + length + extra;
    at = bytes.readUInt32LE(next) === 0x02014b50 ? next : -1;
  }
  return names;
}

describe('4. downloads are named exactly', () => {
  it('Dockerfile from the Rewrite tab and the share dialog; .dockerignore exactly inside the zip', async () => {
    const { page, problems } = await open(browser());
    await setDockerfile(page, NAIVE);
    await page.click('[data-testid=tab-rewrite]');
    const save = async (selector: string) => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
      return download;
    };
    const dockerfile = await save('[data-testid=download-dockerfile]');
    expect(dockerfile.suggestedFilename()).toBe('Dockerfile');
    const { readFile } = await import('node:fs/promises');
    expect(await readFile((await dockerfile.path())!, 'utf8')).toMatch(/^FROM /);
    // Chromium drops a leading dot from any download's name: the page offers the file under the name
    // it really gets, says so before the click and how to rename it after; the zip keeps both names.
    const note = (await page.textContent('[data-testid=dockerignore-note]'))!.replace(/\s+/g, ' ');
    expect(note).toContain('file named dockerignore');
    expect(note).toContain('mv dockerignore .dockerignore');
    expect(await page.textContent('[data-testid=download-dockerignore]')).toMatch(/Download dockerignore/);
    const ignore = await save('[data-testid=download-dockerignore]');
    expect(ignore.suggestedFilename()).toBe('dockerignore');
    const suggested = (await page.textContent('[data-testid=dockerignore]'))!;
    expect(await readFile((await ignore.path())!, 'utf8')).toBe(suggested);
    expect(await page.textContent('[data-testid=rewrite-status]')).toContain(
      'Downloaded dockerignore — rename it to .dockerignore next to your Dockerfile: mv dockerignore .dockerignore',
    );
    const zip = await save('[data-testid=download-both]');
    expect(zip.suggestedFilename()).toBe('dockerfile-rewrite.zip');
    expect(zipNames(await readFile((await zip.path())!))).toEqual(['Dockerfile', '.dockerignore']);
    await page.click('[data-testid=share-button]');
    expect((await save('[data-testid=download]')).suggestedFilename()).toBe('Dockerfile');
    expect(problems.all()).toEqual([]);
  });
});

describe('5. the phone layout', () => {
  it('390×844: one header row, editor sized to the text, tabs and first figures above the fold', async () => {
    const { page, problems } = await open(browser(), { viewport: { width: 390, height: 844 }, touch: true });
    await setDockerfile(page, NAIVE);
    await page.evaluate(() => scrollTo(0, 0));
    const header = (await page.locator('.top').boundingBox())!;
    expect(header.height).toBeLessThanOrEqual(48);
    const title = (await page.locator('.top h1').boundingBox())!;
    const learn = (await page.locator('[data-testid=open-learn]').boundingBox())!;
    expect(Math.abs(title.y + title.height / 2 - (learn.y + learn.height / 2))).toBeLessThan(8);
    // The title is not covered by the buttons.
    const share = (await page.locator('[data-testid=share-button]').boundingBox())!;
    const titleRight = await page.evaluate(() => {
      const h1 = document.querySelector('.top h1')!;
      return h1.getBoundingClientRect().left + h1.scrollWidth;
    });
    expect(titleRight).toBeLessThanOrEqual(share.x);
    // The editor fits the 8 lines (no inner scrolling) and leaves the results most of the screen.
    const editor = (await page.locator('[data-testid=editor]').boundingBox())!;
    expect(editor.height).toBeLessThan(844 * 0.45 + 1);
    expect(
      await page.evaluate(
        () => document.querySelector('.monaco-editor .monaco-scrollable-element')!.scrollTop,
      ),
    ).toBe(0);
    for (const selector of ['[data-testid=tab-findings]', '[data-testid=size-total]']) {
      const box = (await page.locator(selector).boundingBox())!;
      expect(box.y + box.height, selector).toBeLessThanOrEqual(844);
    }
    // No keyboard hints on a touch screen.
    expect(await page.locator('[data-testid=keyboard-hint]').isVisible()).toBe(false);
    // Full layer names: expanding a layer shows the whole instruction, wrapped inside the screen.
    const layer = page.locator('[data-testid=layer]', { hasText: 'apt-get update' }).first();
    await layer.locator('summary').click();
    const full = layer.locator('[data-testid=layer-full]');
    expect(await full.textContent()).toBe('RUN apt-get update && apt-get install -y curl git');
    const fullBox = (await full.boundingBox())!;
    expect(fullBox.x + fullBox.width).toBeLessThanOrEqual(390);
    // Tapping a tab shows its panel.
    await page.tap('[data-testid=tab-findings]');
    const panel = (await page.locator('[data-testid=findings-panel]').boundingBox())!;
    expect(panel.y).toBeLessThan(844);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(problems.all()).toEqual([]);
  });
});

describe('6. the keyboard', () => {
  it('a skip link, a visible Tab-moves-focus sign, and an announced escape from the editor', async () => {
    const { page, problems } = await open(browser());
    await page.keyboard.press('Tab');
    expect(await focusedTestId(page)).toBe('skip-link');
    const skip = (await page.locator('[data-testid=skip-link]').boundingBox())!;
    expect(skip.y).toBeGreaterThanOrEqual(0);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('results');
    // Ctrl+M: the mode is shown next to the editor, and goes away with the next Ctrl+M.
    await page.click('.monaco-editor .view-lines');
    expect(await page.locator('[data-testid=tab-focus-mode]').count()).toBe(0);
    await page.keyboard.press('Control+M');
    await page.waitForSelector('[data-testid=tab-focus-mode]');
    await page.keyboard.press('Control+M');
    await page.waitForSelector('[data-testid=tab-focus-mode]', { state: 'detached' });
    // Escape leaves the editor (the editor's accessible name says so) and it is announced.
    expect(
      await page.getAttribute('.monaco-editor textarea, .monaco-editor .native-edit-context', 'aria-label'),
    ).toMatch(/Escape to leave the editor/);
    await page.keyboard.press('Escape');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('results');
    expect(await page.textContent('[data-testid=announcer]')).toMatch(/Left the editor/);
    expect(problems.all()).toEqual([]);
  });

  it('Escape first closes what the editor shows (a focused hover, a selection), and only then leaves', async () => {
    const { page, problems } = await open(browser());
    const inEditor = () =>
      page.evaluate(
        () =>
          !!document.activeElement?.closest('.monaco-editor') &&
          !document.querySelector('.monaco-hover:not(.hidden) .marker'),
      );
    await page.click('.monaco-editor .view-lines');
    await page.keyboard.press('Control+Home');
    // A hover focused with Ctrl+K Ctrl+I: Escape closes it and the focus stays in the text.
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    await page.waitForSelector('.monaco-hover');
    await page.keyboard.press('Escape');
    await expect.poll(inEditor).toBe(true);
    // A selection: the first Escape clears it, the second leaves.
    await page.keyboard.press('Shift+End');
    await page.keyboard.press('Escape');
    await expect.poll(inEditor).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('results');
    expect(problems.all()).toEqual([]);
  });
});
