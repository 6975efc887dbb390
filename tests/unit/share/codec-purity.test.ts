// src/share/ is a pure codec (permalinks, embed options, snippets, drafts: plain TypeScript the CLI,
// the embed, the element and tests can use) and, in src/share/ui/, the page's share components and
// their controller. The codec imports no Svelte and nothing of the UI; no part of sharing imports the
// page's examples or sample (the page hands them to the controller).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../rules/helpers';

const shareDir = path.join(repoRoot, 'src/share');

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*import\s[^;]*?from\s+'([^']+)'|import\(\s*'([^']+)'\s*\)/g)].map(
    (m) => m[1] ?? m[2],
  );
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

describe('src/share', () => {
  const codec = readdirSync(shareDir)
    .filter((name) => name.endsWith('.ts'))
    .map((name) => path.join(shareDir, name));

  it('has a codec of plain TypeScript modules', () => {
    expect(codec.map((f) => path.basename(f))).toEqual(
      expect.arrayContaining([
        'permalink.ts',
        'link-options.ts',
        'embed-options.ts',
        'snippets.ts',
        'base64url.ts',
        'drafts.ts',
      ]),
    );
    for (const file of codec) expect(file).not.toMatch(/\.svelte\.ts$/);
  });

  it('the codec imports no Svelte, no UI and no share component', () => {
    const offending = codec.flatMap((file) =>
      importsOf(file)
        .filter((spec) => /svelte|\/ui\/|^\.\/ui\b|^\.\.\/ui\b|\/embed\//.test(spec))
        .map((spec) => `${path.basename(file)} imports ${spec}`),
    );
    expect(offending).toEqual([]);
    for (const file of codec)
      expect(readFileSync(file, 'utf8'), file).not.toMatch(/\$(state|derived|effect)\b/);
  });

  it('no part of sharing imports the page examples or sample', () => {
    const offending = filesUnder(shareDir).flatMap((file) =>
      importsOf(file)
        .filter((spec) => /ui\/(examples|samples)$/.test(spec))
        .map((spec) => `${path.relative(shareDir, file)} imports ${spec}`),
    );
    expect(offending).toEqual([]);
  });
});
