// Issue 8: markup from the user's text can only reach the page as text. Svelte escapes every
// {expression}; the only ways around it are {@html}, innerHTML-like DOM calls and string-to-code
// calls. This scans the page code (src/**, workers/**) for them. A use is allowed only when listed
// below after a review showing that what it renders is escaped or constant.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './helpers';

/**
 * Reviewed uses: `file (relative to the repository) → number of uses`, with the reason beside it.
 * None today. Add an entry only for output that is escaped (or constant) on every path.
 */
const ALLOWED: Record<string, { count: number; reason: string }> = {};

const SOURCE_DIRS = ['src', 'workers'];

function walk(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (/\.(svelte|ts|js|mjs)$/.test(entry.name)) out.push(full);
  }
  return out;
}

/** The code without comments (so a comment that says "never innerHTML" does not count). */
function stripComments(source: string): string {
  return source
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

const PATTERNS: [string, RegExp][] = [
  ['{@html}', /\{@html\b/g],
  ['innerHTML/outerHTML assignment', /\.(?:inner|outer)HTML\s*\+?=/g],
  ['insertAdjacentHTML', /\.insertAdjacentHTML\s*\(/g],
  ['document.write', /\bdocument\.write(?:ln)?\s*\(/g],
  ['createContextualFragment', /\.createContextualFragment\s*\(/g],
  ['srcdoc', /\bsrcdoc\b/g],
  ['eval', /(?<![\w.])eval\s*\(/g],
  ['new Function', /\bnew\s+Function\s*\(/g],
  ['string timer', /\bset(?:Timeout|Interval)\s*\(\s*['"`]/g],
];

const files = SOURCE_DIRS.flatMap((d) => walk(path.join(repoRoot, d)));

describe('no raw HTML from user text', () => {
  it('finds the page code to scan', () => {
    expect(files.some((f) => f.endsWith('.svelte'))).toBe(true);
  });

  it('no {@html}, innerHTML, document.write or eval outside the reviewed allow-list', () => {
    const found: Record<string, string[]> = {};
    for (const file of files) {
      const rel = path.relative(repoRoot, file).split(path.sep).join('/');
      if (rel.startsWith('src/data/')) continue; // generated tables, no code that touches the DOM
      const code = stripComments(readFileSync(file, 'utf8'));
      for (const [name, pattern] of PATTERNS) {
        for (const match of code.matchAll(pattern)) {
          const line = code.slice(0, match.index).split('\n').length;
          (found[rel] ??= []).push(`${name} at line ${line}`);
        }
      }
    }
    const unexpected = Object.entries(found).filter(([rel, uses]) => uses.length !== ALLOWED[rel]?.count);
    expect(
      Object.fromEntries(unexpected),
      'each use needs a review and an ALLOWED entry in this test (or, better, render the value as text)',
    ).toEqual({});
  });

  it('the allow-list names only files that still exist', () => {
    const rels = new Set(files.map((f) => path.relative(repoRoot, f).split(path.sep).join('/')));
    expect(Object.keys(ALLOWED).filter((rel) => !rels.has(rel))).toEqual([]);
  });
});
