// Property tests: parseDockerfile and analyze never throw, on arbitrary strings, on mutated
// corpus lines, and on the known dockerfile-ast traps.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../../src/engine/node';
import { parseDockerfile } from '../../../src/engine/parse/index';
import { validateAnalysis } from '../cli/schema';
import { corpusDir, loadShellParser } from './helpers';
import { BLOW_UP_CPU_MS, cpuMsSince } from '../cpu-time';

beforeAll(loadShellParser);

const corpusLines: string[] = existsSync(corpusDir)
  ? readdirSync(corpusDir)
      .slice(0, 60)
      .flatMap((f) => readFileSync(path.join(corpusDir, f), 'utf8').split('\n'))
      .filter((l) => l.trim() !== '')
  : ['FROM alpine', 'RUN apk add curl', 'COPY . .', 'CMD ["sh"]'];

const fragments = [
  'FROM ',
  'RUN ',
  'COPY ',
  'ADD ',
  'ARG ',
  'ENV ',
  'ONBUILD ',
  'HEALTHCHECK ',
  'SHELL ',
  ' AS ',
  '--from=',
  '--mount=type=cache,target=',
  '\\\n',
  '`\n',
  '<<EOF\n',
  '<<-EOT\n',
  'EOF\n',
  '${A:-',
  '${B:+x}',
  '$C',
  '}',
  '"',
  "'",
  '[',
  ']',
  '# escape=`\n',
  '# syntax=x\n',
  '&&',
  '||',
  '|',
  ';',
  '$(',
  ')',
  '\t',
  '\r\n',
  '\0',
  ' RUN $B\n',
  'apt-get install -y ',
  'pip install -r r.txt',
  '\u00e9\ud83d\udc33',
];

const dockerfileish = fc
  .array(
    fc.oneof(
      fc.constantFrom(...fragments),
      fc.string({ maxLength: 12 }),
      fc.constantFrom(...corpusLines.slice(0, 400)),
    ),
    {
      maxLength: 40,
    },
  )
  .map((parts) => parts.join(''));

const mutatedCorpus = fc
  .tuple(
    fc.array(fc.constantFrom(...corpusLines), { minLength: 1, maxLength: 25 }),
    fc.array(fc.tuple(fc.nat(), fc.nat(), fc.constantFrom(...fragments)), { maxLength: 6 }),
  )
  .map(([lines, edits]) => {
    let text = lines.join('\n');
    for (const [a, b, insert] of edits) {
      const at = a % (text.length + 1);
      const del = b % 4;
      text = text.slice(0, at) + insert + text.slice(at + del);
    }
    return text;
  });

function checkModel(text: string) {
  const model = parseDockerfile(text);
  expect(model.text).toBe(text);
  for (const e of model.syntaxErrors) {
    expect(e.line).toBeGreaterThanOrEqual(1);
    expect(e.column).toBeGreaterThanOrEqual(1);
  }
  for (const i of model.instructions) {
    expect(i.span.start).toBeGreaterThanOrEqual(0);
    expect(i.span.end).toBeLessThanOrEqual(text.length);
    expect(i.span.line).toBeLessThanOrEqual(i.span.endLine);
  }
}

describe('never throws', () => {
  it('parseDockerfile on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => checkModel(text)),
      { numRuns: 300 },
    );
  });

  it('parseDockerfile on Dockerfile-like fragments', () => {
    fc.assert(
      fc.property(dockerfileish, (text) => checkModel(text)),
      { numRuns: 400 },
    );
  });

  it('parseDockerfile on mutated corpus lines', () => {
    fc.assert(
      fc.property(mutatedCorpus, (text) => checkModel(text)),
      { numRuns: 300 },
    );
  });

  it('analyze on arbitrary and mutated input returns a schema-valid result', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string({ maxLength: 200 }), dockerfileish, mutatedCorpus),
        async (text) => {
          const analysis = await analyze(text);
          expect(validateAnalysis(analysis)).toEqual([]);
        },
      ),
      { numRuns: 120 },
    );
  });
});

describe('known traps', () => {
  const traps: [string, string][] = [
    ['indented RUN $B before FROM', ' RUN $B\nFROM alpine\n'],
    ['indented ARG with default before FROM', '  ARG V=${X:-1}\nFROM alpine:$V\n'],
    [
      '5,000 ARGs',
      `${Array.from({ length: 5000 }, (_, i) => `ARG A${i}=${i}`).join('\n')}\nFROM alpine:$A1\n`,
    ],
    ['a 100k-character line', `FROM alpine\nRUN echo ${'x'.repeat(100_000)}\n`],
    ['NUL bytes', 'FROM alpine\0\nRUN \0\0\0\n'],
    ['an unterminated heredoc', 'FROM alpine\nRUN <<EOF\necho hi\n'],
    ['escape=` directive', '# escape=`\nFROM alpine\nRUN echo a `\n  b\nENV P=C:\\a`\\b\n'],
    ['deeply nested defaults', `FROM alpine\nENV A=${'${X:-'.repeat(2000)}x${'}'.repeat(2000)}\n`],
    ['deep subshells', `FROM alpine\nRUN ${'('.repeat(3000)}true${')'.repeat(3000)}\n`],
    [
      'a long && chain',
      `FROM alpine\nRUN ${Array.from({ length: 4000 }, (_, i) => `echo ${i}`).join(' && ')}\n`,
    ],
    ['only continuations', `FROM alpine\nRUN ${'\\\n'.repeat(5000)}`],
    ['lone CR line breaks', 'FROM alpine\rRUN echo a\rCMD x'],
    ['BOM', '\ufeffFROM alpine\nRUN echo hi\n'],
  ];
  it.each(traps)('%s', async (_, text) => {
    const before = process.cpuUsage();
    expect(() => parseDockerfile(text)).not.toThrow();
    const analysis = await analyze(text);
    expect(validateAnalysis(analysis)).toEqual([]);
    expect(cpuMsSince(before)).toBeLessThan(2 * BLOW_UP_CPU_MS);
  });
});
