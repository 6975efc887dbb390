// Issue 20: hostile inputs that made the engine slow or throw. No regex is built from user text;
// globs are matched by a linear matcher; a fix's edits apply in one pass. Each attack below used
// to hang the CLI (exponential backtracking) or throw; here it must give a clean analysis. The
// vitest timeout is the only clock: the old code did not finish these in minutes.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze, ensureShellParser } from '../../../src/engine/node';
import { globMatch, segmentMatch } from '../../../src/engine/glob';
import { replaceVariable } from '../../../src/engine/size/estimate';
import { applyEdits } from '../../../src/engine/primitives/edits';
import { DEFAULT_MAX_INPUT_CHARS } from '../../../src/engine/options';
import { internalErrors } from './helpers';

beforeAll(() => ensureShellParser());

async function clean(text: string) {
  expect(text.length).toBeLessThan(DEFAULT_MAX_INPUT_CHARS); // analyzed, not refused as too long
  const analysis = await analyze(text);
  expect(internalErrors(analysis)).toEqual([]);
  return analysis;
}

describe('globs in RUN and COPY paths', () => {
  it('matches like the shell: * and ? within one segment, classes, negation, literal [', () => {
    expect(globMatch('/var/lib/apt/lists/*', '/var/lib/apt/lists/partial')).toBe(true);
    expect(globMatch('/var/lib/apt/lists/*', '/var/lib/apt/lists/a/b')).toBe(false);
    expect(globMatch('/app/*.jar', '/app/x.jar')).toBe(true);
    expect(globMatch('/app/*.jar', '/app/x.jar.bak')).toBe(false);
    expect(globMatch('/tmp/?', '/tmp/a')).toBe(true);
    expect(globMatch('/tmp/?', '/tmp/ab')).toBe(false);
    expect(segmentMatch('[a-c]x', 'bx')).toBe(true);
    expect(segmentMatch('[a-c]x', 'dx')).toBe(false);
    expect(segmentMatch('[!a-c]x', 'dx')).toBe(true);
    expect(segmentMatch('[]]', ']')).toBe(true);
    expect(segmentMatch('a[', 'a[')).toBe(true); // unclosed: a literal, not an invalid pattern
    expect(segmentMatch('a(b)+c|d', 'a(b)+c|d')).toBe(true); // regex syntax is plain text
    expect(segmentMatch('a.c', 'abc')).toBe(false);
    expect(segmentMatch('*a*b*', 'xxaxxbxx')).toBe(true);
    expect(segmentMatch('*', '')).toBe(true);
  });

  it('agrees with a reference matcher on random globs and names', () => {
    // Reference: a memoised recursive matcher over * ? and literals (obviously correct, slow).
    const reference = (p: string, s: string): boolean => {
      const memo = new Map<string, boolean>();
      const go = (i: number, j: number): boolean => {
        const k = `${i},${j}`;
        if (memo.has(k)) return memo.get(k)!;
        let r: boolean;
        if (i === p.length) r = j === s.length;
        else if (p[i] === '*') r = go(i + 1, j) || (j < s.length && go(i, j + 1));
        else r = j < s.length && (p[i] === '?' || p[i] === s[j]) && go(i + 1, j + 1);
        memo.set(k, r);
        return r;
      };
      return go(0, 0);
    };
    const chars = fc.constantFrom('a', 'b', '*', '?');
    fc.assert(
      fc.property(
        fc.string({ unit: chars, maxLength: 8 }),
        fc.string({ unit: fc.constantFrom('a', 'b'), maxLength: 10 }),
        (p, s) => segmentMatch(p, s) === reference(p, s),
      ),
      { numRuns: 2000 },
    );
  });

  it('RUN rm -rf /a*a*a*a*a*a*a*a*a*a*a*b against a 200-character file name', async () => {
    const name = 'a'.repeat(200);
    await clean(`FROM alpine\nCOPY ${name} /${name}\nRUN rm -rf /a*a*a*a*a*a*a*a*a*a*a*b\n`);
    await clean(`FROM alpine\nRUN touch /${name}\nRUN rm -rf /a*a*a*a*a*a*a*a*a*a*a*b /[ /a[b /(x+)+y\n`);
  });
});

describe('ENV keys are text, never a pattern', () => {
  it('ENV a(=1 analyzes cleanly (it made an invalid regular expression)', async () => {
    await clean('FROM alpine\nENV a(=1\nENV a(=2 b[=3\n');
  });

  it('ENV (a+)+b=… with a long $aaaa… value (exponential before)', async () => {
    await clean(`FROM alpine\nENV (a+)+b=1\nENV (a+)+b='$${'a'.repeat(60)}'\n`);
  });

  it('replaceVariable replaces $NAME and ${NAME} only, and takes the value literally', () => {
    expect(replaceVariable('/x:$PATH', 'PATH', '/usr/bin')).toBe('/x:/usr/bin');
    expect(replaceVariable('${PATH}:/y:$PATH', 'PATH', 'P')).toBe('P:/y:P');
    expect(replaceVariable('$PATHX $PAT', 'PATH', 'P')).toBe('$PATHX $PAT');
    expect(replaceVariable('$a(', 'a(', '$&$1')).toBe('$&$1');
    expect(replaceVariable('${a(}', 'a(', 'v')).toBe('v');
    expect(replaceVariable('$', '', 'v')).toBe('$');
  });

  it('PATH extended from the base is still resolved', async () => {
    const a = await clean('FROM node:22-bookworm\nENV PATH=/opt/bin:$PATH\nRUN npm install -g typescript\n');
    expect(a.estimate.uncompressedBytes).toBeGreaterThan(0);
  });
});

describe('engine regexes on long hostile words (scripts/scan-regex.ts finds the risky ones)', () => {
  it('long runs of /, [, =, : and flag letters in paths, package names and options', async () => {
    const n = 100_000; // quadratic regexes took minutes on these; linear ones take seconds
    await clean(`FROM alpine\nCOPY ${'/'.repeat(n)}x /app${'/'.repeat(n)}\n`);
    await clean(`FROM alpine\nRUN rm -rf /tmp${'/'.repeat(n)}\n`);
    await clean(`FROM python:3.12\nRUN pip install ${'['.repeat(n)} ${'~'.repeat(n)}x\n`);
    await clean(`FROM debian:12\nRUN apt-get install -y ${'='.repeat(n)}x ${':'.repeat(n)}y\n`);
    await clean(`FROM debian:12\nRUN useradd -${'l'.repeat(n)}1 u && bash -${'e'.repeat(n)}1 -c x\n`);
    await clean(`FROM golang:1.22\nRUN go build -ldflags${'='.repeat(n)}x .\n`);
  }, 60_000);
});

describe('a fix with thousands of edits', () => {
  it('applyEdits equals applying the edits one by one from the end', () => {
    const naive = (text: string, edits: { start: number; end: number; text: string }[]) => {
      let out = text;
      for (const e of [...edits].sort((a, b) => b.start - a.start || b.end - a.end))
        out = out.slice(0, e.start) + e.text + out.slice(e.end);
      return out;
    };
    const input = fc.string({ maxLength: 60 }).chain((text) =>
      fc.tuple(
        fc.constant(text),
        fc.uniqueArray(fc.integer({ min: 0, max: text.length }), { maxLength: 12 }).chain((points) => {
          const sorted = [...points].sort((a, b) => a - b);
          // Non-overlapping ranges between consecutive points, some empty (insertions).
          const edits = [];
          for (let i = 0; i + 1 < sorted.length; i += 2) edits.push({ start: sorted[i], end: sorted[i + 1] });
          return fc.tuple(
            ...edits.map((r) =>
              fc.record({
                start: fc.constant(r.start),
                end: fc.constant(r.end),
                text: fc.string({ maxLength: 4 }),
              }),
            ),
          );
        }),
      ),
    );
    fc.assert(
      fc.property(input, ([text, edits]) => {
        expect(applyEdits(text, edits)).toBe(naive(text, edits));
      }),
      { numRuns: 500 },
    );
  });

  it('12,000 short RUN lines and 4,651 chained ARGs are refused at once with a clear error', async () => {
    const runs = `FROM alpine\n${Array.from({ length: 12_000 }, (_, i) => `RUN echo ${i}`).join('\n')}\n`;
    const args = `${Array.from({ length: 4651 }, (_, i) => `ARG A${i}=$A${i - 1}`).join('\n')}\nFROM alpine:$A1\n`;
    for (const text of [runs, args]) {
      const a = await clean(text);
      expect(a.syntaxErrors[0].message).toMatch(/more than 1,000 instructions/);
      expect(a.stages).toEqual([]);
    }
    // At the cap, heredoc bodies and continuation lines are not counted as instructions.
    const body = `RUN <<EOF\n${'RUN echo hi\n'.repeat(2000)}EOF\n`;
    const long = `FROM alpine\n${body}RUN a \\\n${'  && b \\\n'.repeat(2000)}  && c\n`;
    const ok = await clean(long);
    expect(ok.stages).toHaveLength(1);
    expect(ok.syntaxErrors.filter((e) => /instructions/.test(e.message))).toEqual([]);
  });
});
