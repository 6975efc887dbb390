// Container paths (POSIX): normalising '.', '..' and repeated slashes, resolving against a working
// folder, and the last or all-but-last segment.

/** '/a//b/./c/../d' → '/a/b/d'; always absolute, never a trailing slash ('..' stops at '/'). */
export function normalizePath(p: string): string {
  if (isNormal(p)) return p;
  const parts: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return '/' + parts.join('/');
}

/**
 * True when `p` is already what normalizePath returns (most paths are): absolute, no empty, '.' or
 * '..' segment, no trailing slash. One scan, no allocation.
 */
function isNormal(p: string): boolean {
  if (p.charCodeAt(0) !== 47) return false;
  if (p.length === 1) return true;
  let segStart = 1;
  for (let i = 1; i <= p.length; i++) {
    if (i < p.length && p.charCodeAt(i) !== 47) continue;
    const len = i - segStart;
    if (len === 0) return false;
    if (p.charCodeAt(segStart) === 46 && (len === 1 || (len === 2 && p.charCodeAt(segStart + 1) === 46)))
      return false;
    segStart = i + 1;
  }
  return true;
}

/** A path resolved against a working folder ('/app' + './x' → '/app/x'; no folder means '/'). */
export function resolvePath(workdir: string | null, p: string): string {
  return normalizePath(p.startsWith('/') ? p : `${workdir ?? '/'}/${p}`);
}

/** `s` without its trailing slashes, in linear time (`/\/+$/` backtracks quadratically on `////…x`). */
export function trimTrailingSlashes(s: string): string {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 47) end--;
  return end === s.length ? s : s.slice(0, end);
}

/** '/app/dist/' → 'dist'. */
export function basename(p: string): string {
  const n = trimTrailingSlashes(p);
  return n.slice(n.lastIndexOf('/') + 1);
}

/** '/app/dist/' → '/app'; '/' for a top-level path or a bare name. */
export function dirname(p: string): string {
  const n = trimTrailingSlashes(p);
  const i = n.lastIndexOf('/');
  return i <= 0 ? '/' : n.slice(0, i);
}
