// The production build's main-thread chunks (dist/chunk-modules.json, written by
// scripts/vite-plugin-chunk-map.ts) hold no rule or rewrite code: the page shows rule metadata from
// generated JSON (src/ui/generated/rules-meta.json), and only the analysis worker runs the rules.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist');
const chunks = JSON.parse(readFileSync(path.join(dist, 'chunk-modules.json'), 'utf8')) as Record<
  string,
  string[]
>;
/** Engine folders whose code belongs to the worker only (checks, fixes, synthesizers). */
const WORKER_ONLY = /^src\/engine\/(rules|rewrite|size|parse)\//;

describe('main-thread bundle', () => {
  it('lists the pages, the lazy chunks and the generated rule metadata', () => {
    const all = Object.values(chunks).flat();
    expect(all).toContain('src/ui/App.svelte');
    expect(all).toContain('src/embed/Embed.svelte');
    expect(all).toContain('src/ui/generated/rules-meta.json');
  });

  it('holds no rule, rewrite, size or parse code in any main-thread chunk', () => {
    const offenders = Object.entries(chunks).flatMap(([file, modules]) =>
      modules.filter((m) => WORKER_ONLY.test(m)).map((m) => `${file}: ${m}`),
    );
    expect(offenders).toEqual([]);
  });

  it('reports the main-thread JS per chunk (gzip)', () => {
    let total = 0;
    for (const file of Object.keys(chunks).sort()) {
      const size = gzipSync(readFileSync(path.join(dist, file)), { level: 9 }).length;
      if (!/monaco/.test(file)) total += size;
      console.log(`${file}: ${(size / 1000).toFixed(2)} kB gzip`);
    }
    console.log(`main-thread JS without Monaco: ${(total / 1000).toFixed(2)} kB gzip`);
    expect(total).toBeGreaterThan(0);
  });
});
