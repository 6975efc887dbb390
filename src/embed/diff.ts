// A small line diff for the embed's "diff" panel (the full playground uses Monaco's diff editor).
// Longest common subsequence on lines after trimming the common head and tail; inputs too large for
// the table are reported as such rather than computed slowly.

export interface DiffLine {
  kind: 'same' | 'add' | 'del';
  text: string;
  /** 1-based line in the old (del/same) or new (add) text. */
  line: number;
}

const MAX_CELLS = 4_000_000;

export function lineDiff(before: string, after: string): DiffLine[] | null {
  const a = before.replace(/\r\n?/g, '\n').replace(/\n$/, '').split('\n');
  const b = after.replace(/\r\n?/g, '\n').replace(/\n$/, '').split('\n');
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail] === b[b.length - 1 - tail]
  )
    tail++;
  const am = a.slice(head, a.length - tail);
  const bm = b.slice(head, b.length - tail);
  const n = am.length;
  const m = bm.length;
  if ((n + 1) * (m + 1) > MAX_CELLS) return null;
  // lcs[i][j] = LCS length of am[i..] and bm[j..], stored flat.
  const w = m + 1;
  const lcs = new Uint32Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * w + j] =
        am[i] === bm[j] ? lcs[(i + 1) * w + j + 1] + 1 : Math.max(lcs[(i + 1) * w + j], lcs[i * w + j + 1]);
    }
  }
  const out: DiffLine[] = [];
  for (let k = 0; k < head; k++) out.push({ kind: 'same', text: a[k], line: k + 1 });
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && am[i] === bm[j]) {
      out.push({ kind: 'same', text: am[i], line: head + i + 1 });
      i++;
      j++;
    } else if (i < n && (j >= m || lcs[(i + 1) * w + j] >= lcs[i * w + j + 1])) {
      out.push({ kind: 'del', text: am[i], line: head + i + 1 });
      i++;
    } else {
      out.push({ kind: 'add', text: bm[j], line: head + j + 1 });
      j++;
    }
  }
  for (let k = a.length - tail; k < a.length; k++) out.push({ kind: 'same', text: a[k], line: k + 1 });
  return out;
}

/** A run of unchanged lines left out of the rendered diff. */
export interface DiffGap {
  kind: 'gap';
  count: number;
}

/**
 * The diff as it is rendered: unchanged runs longer than 2 × `context` lines are folded into one
 * gap, so a huge file with a small change renders a few dozen lines, not thousands.
 */
export function foldUnchanged(diff: DiffLine[], context = 3): (DiffLine | DiffGap)[] {
  const out: (DiffLine | DiffGap)[] = [];
  let i = 0;
  while (i < diff.length) {
    if (diff[i].kind !== 'same') {
      out.push(diff[i++]);
      continue;
    }
    let j = i;
    while (j < diff.length && diff[j].kind === 'same') j++;
    const keepHead = i === 0 ? 0 : context;
    const keepTail = j === diff.length ? 0 : context;
    if (j - i > keepHead + keepTail + 1) {
      out.push(...diff.slice(i, i + keepHead), { kind: 'gap', count: j - i - keepHead - keepTail });
      out.push(...diff.slice(j - keepTail, j));
    } else {
      out.push(...diff.slice(i, j));
    }
    i = j;
  }
  return out;
}
