// Incremental analysis equals analysis from scratch (issue 16 item 2): an engine that has already
// analyzed many near-identical texts — earlier versions of the same file after random edits, the
// rewrites of each, other files — gives for a text exactly what a fresh engine (new module
// instances: every memo empty) gives for it. The memos that carry over between analyses (shell
// parses by RUN text and the variables it reads, package closures by their full input) may only
// save time, never change an answer.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import * as warm from '../../../src/engine/node';

const corpusDir = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../../shared/corpus/dockerfiles',
);
const present = existsSync(corpusDir);
if (!present)
  console.warn(`[incremental] skipped: ${corpusDir} is absent (the shared corpus is not checked out).`);

beforeAll(() => warm.shellParserLoaded);

/** A small seeded generator (mulberry32), so a failure names a reproducible case. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const EXTRA = ['curl', 'git', 'build-essential', 'python3', 'ca-certificates', 'wget', 'make'];

/** One random edit of the kinds people make: drop, duplicate or move a line, add a package, retag. */
function edit(text: string, rnd: () => number): string {
  const lines = text.split('\n');
  const i = Math.floor(rnd() * lines.length);
  switch (Math.floor(rnd() * 5)) {
    case 0:
      lines.splice(i, 1);
      break;
    case 1:
      lines.splice(i, 0, lines[i]);
      break;
    case 2:
      if (i + 1 < lines.length) [lines[i], lines[i + 1]] = [lines[i + 1], lines[i]];
      break;
    case 3: {
      const k = lines.findIndex((l) => /\b(apt-get|apk|yum|dnf) .*install|\bapk add\b/.test(l));
      if (k >= 0) lines[k] = `${lines[k].replace(/\s*\\$/, '')} ${EXTRA[Math.floor(rnd() * EXTRA.length)]}`;
      break;
    }
    default: {
      const k = lines.findIndex((l) => /^FROM\s+\S+:\S+/i.test(l));
      if (k >= 0) lines[k] = lines[k].replace(/:(\S+)/, rnd() < 0.5 ? ':latest' : ':$1-slim');
    }
  }
  return lines.join('\n');
}

const strip = (a: { timingMs?: number }) => JSON.stringify({ ...a, timingMs: undefined });

describe.skipIf(!present)('incremental analysis over the corpus', () => {
  it('a warm engine, after random edits, equals a fresh engine on the same text', async () => {
    const files = readdirSync(corpusDir)
      .filter((f) => f.endsWith('.Dockerfile'))
      .sort();
    const rnd = random(16);
    const cases: { name: string; text: string }[] = [];
    for (let n = 0; n < 6; n++) {
      const name = files[Math.floor(rnd() * files.length)];
      let text = readFileSync(path.join(corpusDir, name), 'utf8');
      // The warm engine sees every version and its rewrite (phase 2 measures edited texts too).
      for (let e = 0; e < 4; e++) {
        const analysis = warm.analyzeSync(text);
        warm.analyzeSync(analysis.rewrite.dockerfile);
        text = edit(text, rnd);
      }
      cases.push({ name, text });
    }
    for (const c of cases) {
      vi.resetModules();
      const fresh = (await import('../../../src/engine/node')) as typeof warm;
      await fresh.shellParserLoaded;
      const scratch = strip(fresh.analyzeSync(c.text));
      expect(strip(warm.analyzeSync(c.text)), c.name).toBe(scratch);
      // Phase 1 alone (what the page shows first) is phase 1 of the same analysis.
      const quick = warm.startAnalysis(c.text).quick;
      expect(JSON.stringify(quick.estimate), c.name).toBe(JSON.stringify(JSON.parse(scratch).estimate));
    }
  }, 240_000);
});
