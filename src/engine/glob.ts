// Shell/Go path globs (`*`, `?`, `[a-z]`, `[!a]`) matched without building a RegExp from user
// text: a regex like `[^/]*a[^/]*a...b` backtracks exponentially on a long name (issue 20). The
// path and the pattern are split at `/` (no wildcard crosses it), and each segment is matched with
// the greedy algorithm that only ever returns to the last `*`: O(pattern × name) at worst.

/** Whether the whole path matches the glob (`*` and `?` never match `/`). */
export function globMatch(pattern: string, path: string): boolean {
  const parts = pattern.split('/');
  const names = path.split('/');
  if (parts.length !== names.length) return false;
  for (let i = 0; i < parts.length; i++) if (!segmentMatch(parts[i], names[i])) return false;
  return true;
}

/** One path segment against one pattern segment (neither contains `/`). */
export function segmentMatch(pattern: string, name: string): boolean {
  let p = 0;
  let n = 0;
  let starP = -1; // the pattern position after the last `*` seen
  let starN = 0; // where that `*` started matching in the name
  while (n < name.length) {
    if (p < pattern.length && pattern[p] === '*') {
      starP = ++p;
      starN = n;
      continue;
    }
    const step = p < pattern.length ? matchOne(pattern, p, name[n]) : 0;
    if (step > 0) {
      p += step;
      n++;
    } else if (starP >= 0) {
      // Let the last `*` take one more character and retry the rest from there.
      p = starP;
      n = ++starN;
    } else return false;
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}

/**
 * Matches one character at pattern[p]: returns the length of the pattern element consumed, or 0
 * when the character does not match. An unclosed `[` is a literal `[`.
 */
function matchOne(pattern: string, p: number, ch: string): number {
  const c = pattern[p];
  if (c === '?') return 1;
  if (c === '\\' && p + 1 < pattern.length) return pattern[p + 1] === ch ? 2 : 0;
  if (c !== '[') return c === ch ? 1 : 0;
  const close = classEnd(pattern, p);
  if (close < 0) return ch === '[' ? 1 : 0;
  let i = p + 1;
  const negated = pattern[i] === '!' || pattern[i] === '^';
  if (negated) i++;
  let hit = false;
  while (i < close) {
    if (pattern[i + 1] === '-' && i + 2 < close) {
      if (pattern[i] <= ch && ch <= pattern[i + 2]) hit = true;
      i += 3;
    } else {
      if (pattern[i] === ch) hit = true;
      i++;
    }
  }
  return hit !== negated ? close - p + 1 : 0;
}

/** The index of the `]` closing the class opened at p, or -1 (a `]` right after `[` or `[!` is a member). */
function classEnd(pattern: string, p: number): number {
  let i = p + 1;
  if (pattern[i] === '!' || pattern[i] === '^') i++;
  if (pattern[i] === ']') i++;
  return pattern.indexOf(']', i);
}
