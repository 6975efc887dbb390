// A small static file server for the hosting tests: serves a folder under any path prefix (a site
// hosted under a subpath) with the headers of its _headers file, like Netlify or Cloudflare Pages.
import { createServer, type Server } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { headersFor, parseHeadersFile } from '../../scripts/headers';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ttf': 'font/ttf',
  '.woff2': 'font/woff2',
  '.webmanifest': 'application/manifest+json',
};

export interface StaticSite {
  /** The site's address, ending in '/' (origin + prefix). */
  url: string;
  /** Every path requested, in order. */
  requested: string[];
  close(): Promise<void>;
}

/** Serves `dir` at http://127.0.0.1:<free port><prefix> (prefix starts and ends with '/'). */
export async function serveFolder(dir: string, prefix: string): Promise<StaticSite> {
  const requested: string[] = [];
  const server: Server = createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    requested.push(pathname);
    if (!pathname.startsWith(prefix)) {
      res.writeHead(404).end('outside the site');
      return;
    }
    const rest = pathname.slice(prefix.length) || 'index.html';
    const file = normalize(join(dir, rest));
    if (!file.startsWith(normalize(dir)) || !existsSync(file) || statSync(file).isDirectory()) {
      res.writeHead(404).end('not found');
      return;
    }
    const headersFile = join(dir, '_headers');
    const rules = existsSync(headersFile) ? parseHeadersFile(readFileSync(headersFile, 'utf8')) : [];
    for (const [name, value] of headersFor(rules, `/${rest}`)) res.setHeader(name, value);
    res.setHeader('Content-Type', TYPES[extname(file)] ?? 'application/octet-stream');
    res.setHeader('Cache-Control', 'no-cache');
    res.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    requested,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
