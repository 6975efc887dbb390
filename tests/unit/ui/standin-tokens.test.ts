// The stand-in editor's colours follow Monaco's Dockerfile grammar (its Monarch rules), including the
// state it carries from one line to the next. tests/e2e/first-minute.e2e.ts compares them with
// Monaco's own rendering character by character.
import { describe, expect, it } from 'vitest';
import { standinTokens } from '../../../src/ui/standin-tokens';

const classes = (text: string) => standinTokens(text).map((line) => line.map((t) => `${t.c}:${t.v}`));

describe('standinTokens', () => {
  it('colours keywords, comments at the line start, strings and variables', () => {
    expect(classes('# hi\nFROM node:${V} AS b\nENV A=1 B="x $A"')).toEqual([
      ['comment:# hi'],
      ['keyword:FROM', 'plain: node:', 'variable:${V}', 'plain: AS b'],
      ['keyword:ENV', 'plain: ', 'variable:A', 'plain:=1 B=', 'string:"x ', 'variable:$A', 'string:"'],
    ]);
  });

  it('keeps the arguments state across a trailing backslash, and a string across an escaped newline', () => {
    expect(classes("RUN a \\\n  'b\\\nc' $X")).toEqual([
      ['keyword:RUN', 'plain: a \\'],
      ['plain:  ', "string:'b\\"],
      ["string:c'", 'plain: ', 'variable:$X'],
    ]);
  });

  it('ends a line in the root state: keywords are upper case only, an unterminated string stops at the line end', () => {
    expect(classes('run x\nCMD "open\nUSER me')).toEqual([
      ['plain:run x'],
      ['keyword:CMD', 'plain: ', 'string:"open'],
      ['keyword:USER', 'plain: me'],
    ]);
  });
});
