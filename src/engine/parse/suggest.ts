// "Did you mean …?" for a misspelled instruction keyword.
import { KNOWN_KEYWORDS } from '../primitives/keywords';

export function suggestKeyword(word: string): string | null {
  let best: string | null = null;
  let bestDistance = word.length <= 4 ? 2 : 3; // one edit for short words, two for longer ones
  for (const k of KNOWN_KEYWORDS) {
    const d = distance(word, k);
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  return best;
}

export function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2 || a.length > 20) return 99;
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length];
}
