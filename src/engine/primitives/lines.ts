// The line index: where each line starts, and the line or column of an offset (binary search).

/** Offsets where each line starts. Line breaks are \r\n, \n or a lone \r (as the LSP document). */
export function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 /* \r */) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (c === 10 /* \n */) {
      starts.push(i + 1);
    }
  }
  return starts;
}

/** 0-based index of the line holding `offset`, given the line starts. */
export function lineIndexAt(lineStarts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** 1-based line of an offset, given the line starts. */
export function lineAt(lineStarts: readonly number[], offset: number): number {
  return lineIndexAt(lineStarts, offset) + 1;
}

/** 1-based column of an offset, given the line starts. */
export function columnAt(lineStarts: readonly number[], offset: number): number {
  return offset - (lineStarts[lineIndexAt(lineStarts, offset)] ?? 0) + 1;
}
