// The worker's Debian tables are decoded on first use (src/engine/size/tables.deferred.ts, issue
// 16 item 3): its sizes must be the very sizes of the Node engine, which imports the tables eagerly.
import { describe, expect, it } from 'vitest';
import { analyzeSync, shellParserLoaded } from '../../src/engine/node';
import { formatBytes } from '../../src/ui/format';
import { openApp, setDockerfile, useBrowser } from './helpers';

const browser = useBrowser();

const TEXTS = {
  bookworm:
    'FROM node:20-bookworm\nRUN apt-get update && apt-get install -y curl git python3\nCMD ["node"]\n',
  alpine: 'FROM python:3.12-alpine\nRUN apk add --no-cache build-base postgresql-dev\nCMD ["python3"]\n',
};

describe('Debian tables decoded on demand in the worker', () => {
  it('give the sizes the eagerly loaded tables give in Node', async () => {
    await shellParserLoaded;
    const { page, problems, context } = await openApp(browser());
    for (const text of Object.values(TEXTS)) {
      await setDockerfile(page, text);
      const expected = analyzeSync(text).estimate.uncompressedBytes;
      await expect
        .poll(() => page.textContent('[data-testid=size-total]'), { timeout: 30_000 })
        .toBe(formatBytes(expected));
    }
    expect(problems.all()).toEqual([]);
    await context.close();
  });
});
