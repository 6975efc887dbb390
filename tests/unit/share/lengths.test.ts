// Link lengths of the built-in examples (taken from the seed articles): every one must fit in a chat
// message (2,000 characters) with room for the host name. Prints the table for the docs.
import { describe, expect, it } from 'vitest';
import { EXAMPLES } from '../../../src/ui/examples';
import { encodeState } from '../../../src/share/permalink';

const HOST = 'https://dockerfile-playground.example/';

describe('example link lengths', () => {
  it('every example fits a chat message', () => {
    const rows = EXAMPLES.map((e) => {
      const link = `${HOST}#${encodeState({ dockerfile: e.dockerfile, options: {} })}`;
      return { id: e.id, dockerfileChars: e.dockerfile.length, linkChars: link.length };
    });
    console.table(rows);
    for (const row of rows) expect(row.linkChars, row.id).toBeLessThan(2000);
  });
});
