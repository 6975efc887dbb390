// Issue 8: analyze() never throws and always returns a schema-valid Analysis — on arbitrary strings,
// on mutated corpus files, with arbitrary options (they arrive from permalinks), and on the known
// traps. No wall-clock assertions here (the machine is shared): `npm run fuzz` measures time.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze, ensureShellParser } from '../../../src/engine/node';
import { DEFAULT_MAX_INPUT_CHARS } from '../../../src/engine/options';
import type { AnalyzeOptions } from '../../../src/engine/types';
import { validateAnalysis } from '../cli/schema';
import { CORPUS_ABSENT, loadCorpus, problemsOf, TRAP_TOKENS } from './helpers';

beforeAll(() => ensureShellParser());

async function check(text: string, options?: AnalyzeOptions): Promise<void> {
  let analysis;
  try {
    analysis = await analyze(text, options);
  } catch (error) {
    throw new Error(`analyze threw on ${JSON.stringify(text.slice(0, 200))}: ${String(error)}`);
  }
  expect(problemsOf(text, analysis), JSON.stringify(text.slice(0, 300))).toEqual([]);
}

const SAMPLE =
  'FROM node:20\nWORKDIR /app\nCOPY . .\nRUN apt-get update && apt-get install -y git\nRUN npm install\nCMD ["node", "index.js"]\n';

const trapText = fc
  .array(fc.oneof(fc.constantFrom(...TRAP_TOKENS), fc.string({ maxLength: 10 })), { maxLength: 60 })
  .map((parts) => parts.join(''));

describe('analyze on arbitrary input', () => {
  it('arbitrary strings (UTF-16 code units, including lone surrogates and NUL)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 400 }), (text) => check(text)),
      { numRuns: 150 },
    );
  });

  it('Dockerfile-shaped noise built from trap tokens', async () => {
    await fc.assert(
      fc.asyncProperty(trapText, (text) => check(text)),
      { numRuns: 200 },
    );
  });

  it('context sizes near the largest double stay finite (they are capped at a petabyte)', async () => {
    // Found by the property below: 1.7e293 B of source plus 1.8e308 B of .git summed to Infinity.
    await check(SAMPLE, {
      context: { sourceBytes: 1.696464263104512e293, gitBytes: 1.7976931348623141e308 },
    });
  });

  // Options come from the UI, from localStorage and (sanitized by src/share/permalink.ts) from links.
  // Well-typed options must never end in a caught exception; ill-typed ones must still give a
  // schema-valid result. (Ill-typed lists, e.g. `rewrite.disabledSteps: 0`, currently end in an
  // "Internal error" result from resolveOptions in src/engine/options.ts: reported to the lead.)
  it('arbitrary options never make analyze throw or return an invalid Analysis', async () => {
    const anyValue = fc.oneof(
      fc.constant(null),
      fc.boolean(),
      fc.double(),
      fc.integer(),
      fc.string({ maxLength: 8 }),
      fc.array(fc.string({ maxLength: 12 }), { maxLength: 4 }),
    );
    const options = fc.record(
      {
        context: fc.oneof(
          anyValue,
          fc.record({
            sourceBytes: anyValue,
            hasDockerignore: anyValue,
            hasNodeModules: anyValue,
            nodeModulesBytes: anyValue,
            hasGit: anyValue,
            gitBytes: anyValue,
          }),
        ),
        rewrite: fc.oneof(
          anyValue,
          fc.record({
            disabledSteps: fc.oneof(anyValue, fc.array(fc.string({ maxLength: 30 }), { maxLength: 6 })),
            enabledSteps: fc.oneof(anyValue, fc.array(fc.string({ maxLength: 30 }), { maxLength: 6 })),
          }),
        ),
        disabledRules: fc.oneof(anyValue, fc.array(fc.string({ maxLength: 30 }), { maxLength: 6 })),
      },
      { requiredKeys: [] },
    );
    const text = SAMPLE;
    await fc.assert(
      fc.asyncProperty(options, async (opts) => {
        const analysis = await analyze(text, opts as unknown as AnalyzeOptions);
        expect(validateAnalysis(analysis)).toEqual([]);
      }),
      { numRuns: 80 },
    );
  });

  it('well-typed options never end in a caught exception', async () => {
    const ids = fc.array(
      fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('apt-lists-not-removed', 'multi-stage', '')),
      { maxLength: 6 },
    );
    const number = fc.oneof(fc.nat(), fc.double(), fc.constant(-1), fc.constant(Number.MAX_SAFE_INTEGER));
    const options = fc.record(
      {
        context: fc.record(
          {
            sourceBytes: number,
            hasDockerignore: fc.boolean(),
            hasNodeModules: fc.boolean(),
            nodeModulesBytes: number,
            hasGit: fc.boolean(),
            gitBytes: number,
          },
          { requiredKeys: [] },
        ),
        rewrite: fc.record({ disabledSteps: ids, enabledSteps: ids }, { requiredKeys: [] }),
        disabledRules: ids,
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(options, (opts) => check(SAMPLE, opts)),
      { numRuns: 60 },
    );
  });
});

const corpus = loadCorpus();
if (!corpus) console.warn(CORPUS_ABSENT);

describe.skipIf(!corpus)('analyze on mutated corpus files (../shared/corpus)', () => {
  const files = corpus ?? [];

  /** Whole files with a few random edits: deleted, duplicated, inserted, cut or shuffled lines. */
  const mutated = fc
    .tuple(
      fc.nat({ max: Math.max(0, files.length - 1) }),
      fc.array(
        fc.tuple(fc.integer({ min: 0, max: 5 }), fc.nat(), fc.nat(), fc.constantFrom(...TRAP_TOKENS)),
        { minLength: 1, maxLength: 6 },
      ),
      fc.constantFrom('\n', '\r\n'),
    )
    .map(([index, edits, eol]) => {
      const lines = (files[index]?.text ?? '').split('\n');
      for (const [op, a, b, token] of edits) {
        const at = a % (lines.length + 1);
        const line = lines[at] ?? '';
        if (op === 0) lines.splice(at, 1);
        else if (op === 1) lines.splice(at, 0, lines[b % Math.max(1, lines.length)] ?? '');
        else if (op === 2) lines.splice(at, 0, token);
        else if (op === 3) {
          const c = b % (line.length + 1);
          lines[at] = line.slice(0, c) + token + line.slice(c);
        } else if (op === 4) lines[at] = line.slice(0, b % (line.length + 1));
        else lines.reverse();
      }
      return lines.join(eol);
    });

  it('every corpus file as it is', async () => {
    for (const file of files) await check(file.text);
  });

  it('mutated corpus files', async () => {
    await fc.assert(
      fc.asyncProperty(mutated, (text) => check(text)),
      { numRuns: 150 },
    );
  });
});

describe('known traps', () => {
  const traps: [string, string][] = [
    ["dockerfile-ast's stack overflow: indented RUN $B before FROM", ' RUN $B\nFROM alpine\nRUN echo $B\n'],
    ['indented RUN $B before FROM, tab and CRLF', '\t RUN ${B}\r\n  ENV C=$B\r\nFROM alpine\r\n'],
    ['only the trap line', '   RUN $B'],
    [
      'thousands of chained ARGs (quadratic resolution)',
      `${Array.from({ length: 4000 }, (_, i) => `ARG A${i}=$A${i - 1}x`).join('\n')}\nFROM alpine:$A3999\nRUN echo $A3999\n`,
    ],
    [
      'thousands of ARGs inside a stage',
      `FROM alpine\n${Array.from({ length: 3000 }, (_, i) => `ARG B${i}=\${B${i - 1}:-${i}}`).join('\n')}\nRUN echo $B2999\n`,
    ],
    ['a 100k-character RUN line', `FROM alpine\nRUN echo ${'x'.repeat(100_000)}\n`],
    ['a 100k-character comment', `# ${'y'.repeat(100_000)}\nFROM alpine\n`],
    ['a 100k-character image name', `FROM ${'a'.repeat(100_000)}:1\n`],
    ['NUL bytes everywhere', 'FROM alp\0ine\0\nRUN \0\0\0 && apt-get install -y \0\nCOPY \0 /\0\n\0'],
    ['only NUL bytes', '\0'.repeat(1000)],
    ['an unterminated heredoc', 'FROM alpine\nRUN <<EOF\necho hi\napk add curl\n'],
    ['an unterminated quoted heredoc at the end', 'FROM alpine\nRUN <<"EOT" bash\n'],
    ['heredoc marker without a name', 'FROM alpine\nRUN <<\nCOPY <<-\n'],
    ['two heredocs, one closed', 'FROM alpine\nCOPY <<A <<B /x\nfirst\nA\nsecond\n'],
    ['escape=` then backslashes', '# escape=`\nFROM alpine\nRUN echo a `\n  b \\\nENV P=C:\\a`\\b\n'],
    ['escape directive after a comment (ignored)', '# hi\n# escape=`\nFROM alpine\nRUN echo `\n'],
    ['escape directive with an odd value', '# escape=x\nFROM alpine\nRUN a x\n b\n'],
    ['two escape directives', '# escape=`\n# escape=\\\nFROM alpine\nRUN a `\n b\n'],
    ['escape as the last character of the file', '# escape=`\nFROM alpine\nRUN a `'],
    ['continuation at the end of the file', 'FROM alpine\nRUN a \\'],
    ['only continuations', `FROM alpine\nRUN ${'\\\n'.repeat(5000)}`],
    ['deeply nested ${X:-…}', `FROM alpine\nENV A=${'${X:-'.repeat(2000)}x${'}'.repeat(2000)}\n`],
    ['deep subshells', `FROM alpine\nRUN ${'('.repeat(2000)}true${')'.repeat(2000)}\n`],
    ['lone CR line breaks', 'FROM alpine\rRUN echo a\rCMD x'],
    ['BOM then a directive', '\ufeff# escape=`\nFROM alpine\n'],
    ['unicode bidi controls', 'FROM alpine\nLABEL a="\u202egnp.exe\u202c"\nRUN echo \u2066x\u2069\n'],
    ['lone surrogates', 'FROM alpine\nRUN echo \ud800 \udfff\n'],
    ['COPY --from a stage index out of range', 'FROM alpine AS a\nCOPY --from=99 / /\nCOPY --from=-1 / /\n'],
    ['stage named like a number', 'FROM alpine AS 0\nFROM 0\nCOPY --from=0 / /\n'],
    ['FROM referring to itself', 'FROM x AS x\nFROM x AS y\n'],
    ['empty input', ''],
    ['whitespace only', ' \n\t\r\n  '],
  ];

  it.each(traps)('%s', async (_, text) => {
    await check(text);
  });

  it('a syntax error carries a line inside the text', async () => {
    const text = 'FROM alpine\nRUNN echo\n';
    const analysis = await analyze(text);
    expect(problemsOf(text, analysis)).toEqual([]);
  });
});

describe('the input cap', () => {
  const filler = (length: number) => {
    const head = 'FROM alpine\nRUN echo ';
    return head + 'x'.repeat(length - head.length - 1) + '\n';
  };

  it('input at exactly the cap is analyzed', async () => {
    const text = filler(DEFAULT_MAX_INPUT_CHARS);
    expect(text.length).toBe(DEFAULT_MAX_INPUT_CHARS);
    const analysis = await analyze(text);
    expect(problemsOf(text, analysis)).toEqual([]);
    expect(analysis.stages.length).toBe(1);
    expect(analysis.syntaxErrors.some((e) => /at most/.test(e.message))).toBe(false);
  });

  it('input one character over the cap gets a clear message, not an exception', async () => {
    const text = filler(DEFAULT_MAX_INPUT_CHARS + 1);
    const analysis = await analyze(text);
    expect(problemsOf(text, analysis)).toEqual([]);
    expect(analysis.stages).toEqual([]);
    expect(analysis.syntaxErrors).toHaveLength(1);
    const message = analysis.syntaxErrors[0].message;
    expect(message).toContain((DEFAULT_MAX_INPUT_CHARS + 1).toLocaleString('en'));
    expect(message).toContain(`at most ${DEFAULT_MAX_INPUT_CHARS.toLocaleString('en')}`);
  });

  it('megabytes of input are refused with the same message (what a paste of 3 MB sends)', async () => {
    const text = 'RUN echo x\n'.repeat(300_000);
    const analysis = await analyze(text);
    expect(problemsOf(text, analysis)).toEqual([]);
    expect(analysis.syntaxErrors[0].message).toMatch(/analyzes at most/);
  });

  it('a smaller cap from the options is honoured', async () => {
    const analysis = await analyze('FROM alpine\nRUN echo hi\n', { maxInputChars: 10 });
    expect(analysis.syntaxErrors[0].message).toMatch(/at most 10/);
  });

  it('non-string input is refused without an exception', async () => {
    for (const value of [undefined, null, 42, {}, ['FROM alpine']]) {
      const analysis = await analyze(value as unknown as string);
      expect(analysis.syntaxErrors.length).toBeGreaterThan(0);
    }
  });
});
