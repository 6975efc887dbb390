// A layer's label reads only a prefix of a long instruction (size/estimate.ts): it must equal the
// label of the whole text, for texts built at random from the pieces that matter (continuations
// cut anywhere, runs of spaces, tabs, carriage returns, backslashes).
import { describe, expect, it } from 'vitest';
import { layerLabel } from '../../../src/engine/size/estimate';

/** The label as defined: the whole text on one line, cut at 200 characters. */
function reference(raw: string): string {
  const text = raw
    .replace(/\\\r?\n/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > 200 ? text.slice(0, 199) + '…' : text;
}

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const PIECES = [' ', '  ', '\t', '\\\n', '\\\r\n', '\n', '\r', '\\', 'a', 'RUN', 'x=1', '   \\\n   '];

describe('layerLabel', () => {
  it('equals the whole text’s label for random long and short texts', () => {
    const pick = random(7);
    for (let n = 0; n < 3000; n++) {
      const length = Math.floor(pick() * 2500);
      let raw = '';
      // Mostly blanks in some texts, so that the prefix alone is sometimes too short.
      const blank = pick() < 0.3;
      while (raw.length < length) {
        const piece = PIECES[Math.floor(pick() * PIECES.length)];
        raw += blank && pick() < 0.9 ? piece.replace(/[a-zRUN=1x]/g, ' ') : piece;
      }
      expect(layerLabel(raw), JSON.stringify(raw.slice(990, 1010))).toBe(reference(raw));
    }
  });
});
