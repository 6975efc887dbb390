// The response headers of public/_headers (Netlify / Cloudflare Pages format), read and matched the
// way those hosts do, and a Vite plugin that makes `vite preview` (npm run preview, the e2e tests)
// send them too: one file is the single source of the headers the site ships with.
//
// Format: a line without indentation is a path (`/`, `/embed.html`, `/assets/*` where `*` matches
// any rest of the path); the indented `Name: value` lines under it are its headers; `#` starts a
// comment. A path matching several rules gets the headers of all of them; two values of one header
// are joined with ", " (as those hosts do).
import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';

export interface HeaderRule {
  path: string;
  headers: [name: string, value: string][];
}

export function parseHeadersFile(text: string): HeaderRule[] {
  const rules: HeaderRule[] = [];
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    if (!raw.trim() || raw.trim().startsWith('#')) continue;
    if (!/^\s/.test(raw)) {
      rules.push({ path: raw.trim(), headers: [] });
      continue;
    }
    const header = /^\s+([A-Za-z0-9-]+):\s*(.*\S)\s*$/.exec(raw);
    const rule = rules.at(-1);
    if (!header || !rule) throw new Error(`_headers line ${i + 1}: expected "Name: value" under a path`);
    rule.headers.push([header[1], header[2]]);
  }
  return rules;
}

/** Whether a rule's path matches a request path (no query). */
export function pathMatches(pattern: string, path: string): boolean {
  if (!pattern.endsWith('*')) return pattern === path;
  return path.startsWith(pattern.slice(0, -1));
}

/** The headers a request path gets, by lower-case name. */
export function headersFor(rules: HeaderRule[], path: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const rule of rules) {
    if (!pathMatches(rule.path, path)) continue;
    for (const [name, value] of rule.headers) {
      const key = name.toLowerCase();
      const before = out.get(key);
      out.set(key, before === undefined ? value : `${before}, ${value}`);
    }
  }
  return out;
}

/** `vite preview` answers with the headers of `file` (re-read on every start). */
export function previewHeaders(file: string): Plugin {
  return {
    name: 'dockerfile-playground:headers',
    configurePreviewServer(server) {
      const rules = parseHeadersFile(readFileSync(file, 'utf8'));
      const base = server.config.base.startsWith('/') ? server.config.base : '/';
      server.middlewares.use((req, res, next) => {
        const pathname = new URL(req.url ?? '/', 'http://x').pathname;
        const path = pathname.startsWith(base) ? `/${pathname.slice(base.length)}` : pathname;
        for (const [name, value] of headersFor(rules, path)) res.setHeader(name, value);
        next();
      });
    },
  };
}
