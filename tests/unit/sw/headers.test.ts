// public/_headers (Netlify / Cloudflare Pages), the headers the site ships with: the policy per
// page, COOP everywhere, a policy for the workers' scripts, and the pages' <meta> policy in step.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { headersFor, parseHeadersFile, pathMatches } from '../../../scripts/headers';

const read = (path: string) => readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8');
const rules = parseHeadersFile(read('public/_headers'));
const csp = (path: string) => headersFor(rules, path).get('content-security-policy') ?? '';
const directives = (policy: string) => policy.split(/;\s*/).filter(Boolean);

describe('public/_headers', () => {
  it('the playground may only be framed by the site itself; the embed by anyone', () => {
    for (const path of ['/', '/index.html', '/index']) expect(csp(path)).toMatch(/frame-ancestors 'self'$/);
    for (const path of ['/embed.html', '/embed']) expect(csp(path)).toMatch(/frame-ancestors \*$/);
  });

  it('every page and script gets exactly one policy (two would both be enforced)', () => {
    for (const path of ['/', '/index.html', '/embed.html', '/assets/analyzer.worker-abc.js', '/sw.js']) {
      expect(csp(path)).not.toBe('');
      expect(csp(path)).not.toContain(', '); // one rule per path: hosts join duplicates with a comma
      expect(headersFor(rules, path).get('cross-origin-opener-policy')).toBe('same-origin');
    }
  });

  it('the workers get the full policy (connect-src self): a worker does not inherit the page meta tag', () => {
    const worker = directives(csp('/assets/analyzer.worker-abc.js'));
    expect(worker).toContain("connect-src 'self'");
    expect(worker).toContain("default-src 'self'");
    expect(worker).toContain("script-src 'self' 'wasm-unsafe-eval'");
  });

  it('the <meta> policy of both pages is the header policy without frame-ancestors', () => {
    for (const [page, path] of [
      ['index.html', '/'],
      ['embed.html', '/embed.html'],
    ]) {
      const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(read(page))?.[1] ?? '';
      expect(directives(meta)).toEqual(directives(csp(path)).filter((d) => !d.startsWith('frame-ancestors')));
    }
  });

  it('matches paths the way the hosts do', () => {
    expect(pathMatches('/assets/*', '/assets/a/b.js')).toBe(true);
    expect(pathMatches('/', '/index.html')).toBe(false);
    expect(() => parseHeadersFile('  X-A: b')).toThrow(/line 1/);
    expect(headersFor(parseHeadersFile('/*\n  X-A: 1\n/a\n  X-A: 2\n'), '/a').get('x-a')).toBe('1, 2');
  });
});
