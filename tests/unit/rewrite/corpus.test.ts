// The rewriter over the shared corpus of real Dockerfiles (../shared/corpus): every rewrite parses
// (when the input did), is idempotent, never grows the estimate and keeps the final image's
// promises. Prints the counts and the median size reduction per style (naive / optimized / mixed).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze, corpusRoot, median, parseDockerfile, promisesBroken, ready, reduction } from './helpers';

interface Entry {
  file: string;
  style: 'naive' | 'optimized' | 'mixed';
  ecosystem: string;
}

const manifestPath = path.join(corpusRoot, 'manifest.json');
const present = existsSync(manifestPath);
const entries: Entry[] = present ? JSON.parse(readFileSync(manifestPath, 'utf8')) : [];
if (!present)
  console.warn(
    `Rewrite corpus test skipped: ${manifestPath} not found (the corpus lives in ../shared/corpus).`,
  );

const counts = {
  files: 0,
  valid: 0,
  idempotent: 0,
  neverGrows: 0,
  promisesKept: 0,
  synthesized: 0,
  withSteps: 0,
};
const reductions: Record<string, number[]> = { naive: [], optimized: [], mixed: [] };

beforeAll(async () => {
  await ready;
});

describe.skipIf(!present)('rewrite over the corpus', () => {
  it.each(entries.map((e) => [e.file, e] as const))('%s', (_file, e) => {
    const text = readFileSync(path.join(corpusRoot, 'dockerfiles', e.file), 'utf8');
    const a = analyze(text);
    const out = a.rewrite.dockerfile;
    const after = parseDockerfile(out);
    counts.files++;
    const valid = a.syntaxErrors.length > 0 ? out === text : after.syntaxErrors.length === 0;
    const idempotent = analyze(out).rewrite.dockerfile === out;
    const neverGrows = a.rewrite.estimate.uncompressedBytes <= a.estimate.uncompressedBytes;
    const staticSite =
      a.rewrite.steps.some((s) => s.id === 'multi-stage' && s.enabled) && /^FROM nginx/m.test(out);
    const broken = a.syntaxErrors.length
      ? []
      : promisesBroken(text, out, staticSite ? ['cmd', 'entrypoint', 'expose', 'user', 'healthcheck'] : []);
    if (valid) counts.valid++;
    if (idempotent) counts.idempotent++;
    if (neverGrows) counts.neverGrows++;
    if (!broken.length) counts.promisesKept++;
    if (a.rewrite.steps.some((s) => s.id === 'multi-stage' && s.enabled)) counts.synthesized++;
    if (a.rewrite.steps.some((s) => s.enabled)) counts.withSteps++;
    reductions[e.style]?.push(reduction(a));
    expect(valid, 'the rewrite parses without syntax errors').toBe(true);
    expect(idempotent, 'rewriting the rewrite changes nothing').toBe(true);
    expect(neverGrows, 'the estimate never grows').toBe(true);
    expect(broken, 'the final image keeps its promises').toEqual([]);
    expect(a.rewrite.violations ?? [], 'the verifier finds no violation in the final rewrite').toEqual([]);
  });
});

afterAll(() => {
  if (!present) return;
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  console.log(
    [
      `Rewrite over the corpus: ${counts.files} files`,
      `  valid ${counts.valid}, idempotent ${counts.idempotent}, never grows ${counts.neverGrows}, promises kept ${counts.promisesKept}`,
      `  with applied steps ${counts.withSteps}, multi-stage synthesized ${counts.synthesized}`,
      ...Object.entries(reductions).map(
        ([style, xs]) =>
          `  ${style.padEnd(9)} ${String(xs.length).padStart(3)} files, median reduction ${pct(median(xs))}, mean ${pct(xs.reduce((a, b) => a + b, 0) / (xs.length || 1))}`,
      ),
    ].join('\n'),
  );
});
