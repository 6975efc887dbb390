// What a first visit downloads: the JS and CSS that an entry page loads before any interaction
// (its scripts, stylesheets and their static imports), gzip-compressed as a server would send them.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

export const DIST = resolve(import.meta.dirname, '../../dist');

export interface Asset {
  file: string;
  bytes: number;
  gzipBytes: number;
}

export interface PageWeight {
  page: string;
  js: Asset[];
  css: Asset[];
  jsGzipBytes: number;
  cssGzipBytes: number;
}

export interface WeightReport {
  pages: PageWeight[];
  monaco: Asset[];
  worker: Asset[];
  wasm: Asset[];
  /** The package tables the worker reads on demand. */
  tables: Asset[];
  totalDistGzipBytes: number;
}

/** Budgets for the first visit (issue 9): kB = 1000 bytes, gzip. */
export const BUDGETS: Record<string, number> = { 'index.html': 80_000, 'embed.html': 40_000 };

function asset(path: string): Asset {
  const bytes = readFileSync(path);
  return { file: relative(DIST, path), bytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length };
}

const STATIC_IMPORT = /(?:^|[;}\s])(?:import|export)\s*(?:[\w*{}\s,$]+from\s*)?["']([^"']+\.js)["']/g;

/** Follow static imports (not dynamic import()) from a chunk: what the browser must fetch before running it. */
function staticClosure(entry: string, seen = new Set<string>()): Set<string> {
  if (seen.has(entry) || !existsSync(entry)) return seen;
  seen.add(entry);
  const code = readFileSync(entry, 'utf8');
  for (const match of code.matchAll(STATIC_IMPORT)) {
    const target = match[1].startsWith('/') ? join(DIST, match[1]) : resolve(dirname(entry), match[1]);
    staticClosure(target, seen);
  }
  return seen;
}

export function pageWeight(page: string): PageWeight {
  const html = readFileSync(join(DIST, page), 'utf8');
  const refs = [...html.matchAll(/(?:src|href)="([^"]+)"/g)]
    .map((m) => m[1])
    .filter((r) => r.startsWith('/') || r.startsWith('./'));
  const jsFiles = new Set<string>();
  const cssFiles = new Set<string>();
  for (const ref of refs) {
    const path = join(DIST, ref.replace(/^\.?\//, ''));
    if (ref.endsWith('.js')) staticClosure(path, jsFiles);
    else if (ref.endsWith('.css')) cssFiles.add(path);
  }
  const js = [...jsFiles].filter((f) => existsSync(f)).map(asset);
  const css = [...cssFiles].filter((f) => existsSync(f)).map(asset);
  return {
    page,
    js,
    css,
    jsGzipBytes: js.reduce((s, a) => s + a.gzipBytes, 0),
    cssGzipBytes: css.reduce((s, a) => s + a.gzipBytes, 0),
  };
}

function allFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? allFiles(path) : [path];
  });
}

export function measureWeight(): WeightReport {
  if (!existsSync(join(DIST, 'index.html')))
    throw new Error('dist/index.html is missing: run `npm run build` first.');
  const files = allFiles(DIST);
  const pick = (test: (f: string) => boolean) =>
    files
      .filter(test)
      .map(asset)
      .sort((a, b) => b.bytes - a.bytes);
  return {
    pages: ['index.html', 'embed.html'].filter((p) => existsSync(join(DIST, p))).map(pageWeight),
    monaco: pick((f) => /monaco|codicon|editor\.worker/i.test(f)),
    worker: pick((f) => /analyzer\.worker.*\.js$/.test(f)),
    wasm: pick((f) => f.endsWith('.wasm')),
    // The Debian package tables are files of their own the worker reads on first use (never in
    // the first page load, nor in the worker's script).
    tables: pick((f) => /\/debian-[a-z]+-[\w-]+\.json$/.test(f)),
    totalDistGzipBytes: files
      .filter((f) => !f.endsWith('engine.js'))
      .map(asset)
      .reduce((s, a) => s + a.gzipBytes, 0),
  };
}

/** Budget violations as sentences (empty when every budget holds). */
export function budgetViolations(report: WeightReport): string[] {
  return report.pages
    .filter((p) => BUDGETS[p.page] !== undefined && p.jsGzipBytes > BUDGETS[p.page])
    .map(
      (p) =>
        `${p.page}: ${(p.jsGzipBytes / 1000).toFixed(1)} kB gzip of JS on first visit, budget ${BUDGETS[p.page] / 1000} kB`,
    );
}
