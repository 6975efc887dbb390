// public/_headers (Netlify / Cloudflare Pages), the headers the site ships with: the policy per
// page, COOP everywhere, a policy for the workers' scripts, and the pages' <meta> policy in step.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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

  it('Trusted Types on the pages name every policy that Svelte and Monaco create, and the default one', () => {
    const allowed = new Set(
      (/trusted-types ([^;]*)/.exec(csp('/'))?.[1] ?? '').split(' ').filter((n) => !n.startsWith("'")),
    );
    expect(csp('/')).toContain("require-trusted-types-for 'script'");
    expect(csp('/embed.html')).toContain(/trusted-types [^;]*/.exec(csp('/'))![0]);
    const created = new Set(['default']);
    const pattern = /(?:createTrustedTypesPolicy|createPolicy)\(\s*['"`]([^'"`]+)['"`]/g;
    const scan = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const full = join(dir, entry.name);
        if (entry.isDirectory()) scan(full);
        else if (entry.name.endsWith('.js')) {
          // (names built at run time, like Monaco's `domSanitize${n}` for a stale-policy recovery, are
          // not listable: that path only runs after another error)
          for (const m of readFileSync(full, 'utf8').matchAll(pattern))
            if (!m[1].includes('${')) created.add(m[1]);
        }
      }
    };
    const modules = fileURLToPath(new URL('../../../node_modules/', import.meta.url));
    scan(join(modules, 'monaco-editor/esm/vs'));
    scan(join(modules, 'svelte/src/internal/client'));
    created.add('dompurify'); // monaco's DOMPurify builds its name at run time: 'dompurify' + suffix
    expect(created.size).toBeGreaterThan(5);
    expect([...created].filter((name) => !allowed.has(name))).toEqual([]);
  });

  it('matches paths the way the hosts do', () => {
    expect(pathMatches('/assets/*', '/assets/a/b.js')).toBe(true);
    expect(pathMatches('/', '/index.html')).toBe(false);
    expect(() => parseHeadersFile('  X-A: b')).toThrow(/line 1/);
    expect(headersFor(parseHeadersFile('/*\n  X-A: 1\n/a\n  X-A: 2\n'), '/a').get('x-a')).toBe('1, 2');
  });
});
