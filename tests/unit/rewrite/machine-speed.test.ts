// The rewrite does not depend on how fast or busy the machine is (issue 20): it has a work budget
// in characters parsed, not a wall-clock one. Here the clock jumps ten seconds every time it is
// read, as on a machine so loaded that every check takes ten seconds: the steps must be the same.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { analyze, corpusRoot, ready } from './helpers';

const LARGEST = path.join(
  corpusRoot,
  'dockerfiles',
  '100-discourse-discourse-docker-image-base-dockerfile.Dockerfile',
);
const present = existsSync(LARGEST);
if (!present) console.warn(`Machine-speed test skipped: ${LARGEST} not found (../shared/corpus).`);

beforeAll(async () => {
  await ready;
});
afterEach(() => {
  vi.restoreAllMocks();
});

function stepsOf(text: string) {
  const a = analyze(text);
  return a.rewrite.steps.map((s) => `${s.id} ${s.enabled} ${s.status ?? ''} ${s.savingsBytes}`);
}

describe.skipIf(!present)('rewrite under a very slow clock', () => {
  it('gives the same steps as under a normal clock', () => {
    const text = readFileSync(LARGEST, 'utf8');
    const normal = stepsOf(text);
    let fake = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => (fake += 10_000));
    vi.spyOn(Date, 'now').mockImplementation(() => (fake += 10_000));
    const slow = stepsOf(text);
    expect(normal.length).toBeGreaterThan(10);
    expect(slow).toEqual(normal);
  });
});
