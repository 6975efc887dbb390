// Issue 20, the CLI side: each file is analyzed off the main thread with a deadline; a file that
// could not be analyzed never passes a budget; invalid UTF-8 is read with replacement and
// reported; and analyzing files together gives what analyzing each alone gives.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../../src/cli';
import { decodeUtf8, describeInvalid } from '../../../src/cli/decode';
import { parseDuration } from '../../../src/cli/sizes';
import { EXAMPLES } from '../../../src/ui/examples';
import { repoRoot } from '../parse/helpers';
import { CORPUS_ABSENT, loadCorpus } from '../hardening/helpers';

const dir = mkdtempSync(path.join(tmpdir(), 'dfp-cli-hard-'));
function file(name: string, content: string | Uint8Array): string {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return p;
}

function cli(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 300_000,
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const withoutTiming = ({ timingMs: _t, ...rest }: { timingMs?: number }) => rest;
const small = file('small.Dockerfile', 'FROM alpine:3.20\nRUN apk add --no-cache curl\n');

describe('cli: files together equal files alone', () => {
  it('the same Analysis for each file, whatever was analyzed before it in the same run', () => {
    const corpus = loadCorpus();
    if (!corpus) console.warn(`${CORPUS_ABSENT}; using the in-repo examples`);
    // Alpine installs after Debian ones and the reverse: the order that leaked memoised sizes.
    const picks = corpus
      ? corpus.filter((f) => /^(009|041|062|091|148)-/.test(f.name)).map((f) => file(f.name, f.text))
      : EXAMPLES.slice(0, 4).map((e) => file(`${e.id}.Dockerfile`, e.dockerfile));
    expect(picks.length).toBeGreaterThanOrEqual(4);
    const files = [...picks, ...picks.slice().reverse()];
    const together = cli(['analyze', ...files, '--format', 'json']);
    expect(together.code, together.stderr).toBe(0);
    const list = JSON.parse(together.stdout) as { file: string; timingMs?: number }[];
    expect(list.map((x) => x.file)).toEqual(files);
    for (const f of picks) {
      const alone = cli(['analyze', f, '--format', 'json']);
      expect(alone.code, alone.stderr).toBe(0);
      const expected = withoutTiming(JSON.parse(alone.stdout));
      for (const item of list.filter((x) => x.file === f)) {
        const { file: _file, ...analysis } = item;
        expect(withoutTiming(analysis), `${path.basename(f)} analyzed with others`).toEqual(expected);
      }
    }
  }, 900_000);
});

describe('cli: deadline and failing closed', () => {
  it('stops an analysis over its deadline, reports it, exits 3, and goes on with the next file', () => {
    // The worker's test hook makes this text run forever (an input slow on every machine).
    const marker = 'RUNAWAY-ANALYSIS-FOR-THE-DEADLINE-TEST';
    const runaway = file('runaway.Dockerfile', `FROM alpine\nRUN echo ${marker}\n`);
    const r = cli(['analyze', runaway, small, '--timeout', '10s', '--format', 'json'], {
      DOCKERFILE_PLAYGROUND_TEST_HANG: marker,
    });
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toMatch(/cannot analyze .*runaway\.Dockerfile: the analysis did not finish within 10 s/);
    const list = JSON.parse(r.stdout) as { file: string; stages: unknown[] }[];
    expect(list.map((x) => x.file)).toEqual([small]);
    expect(list[0].stages).toHaveLength(1);
  }, 300_000);

  it('--budget never passes a file it could not size: binary, too large, no FROM, empty', () => {
    const binary = file(
      'binary.Dockerfile',
      new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2, 3, 0, 0x41, 0x42]),
    );
    const huge = file('huge.Dockerfile', `FROM alpine\n${'RUN echo hi\n'.repeat(450_000)}`); // 5.4 MB
    const noFrom = file('nofrom.Dockerfile', 'RUN echo hi\n');
    const empty = file('empty.Dockerfile', '');
    for (const [f, why] of [
      [binary, /NUL bytes/],
      [huge, /characters long/],
      [noFrom, /no FROM instruction/],
      [empty, /empty/],
    ] as const) {
      const r = cli(['analyze', f, '--budget', '10GB', '--format', 'json']);
      expect(r.code, `${path.basename(f)}: ${r.stderr}`).toBe(3);
      expect(r.stderr).toMatch(why);
    }
    // Over budget, and a file that could not be analyzed beside it: the exit says "not analyzed".
    const r = cli(['analyze', small, binary, '--budget', '1B']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/over the budget/);
  }, 300_000);

  it('reads invalid UTF-8 with replacement, says where, and still analyzes the file', () => {
    const latin1 = file(
      'latin1.Dockerfile',
      Buffer.concat([
        Buffer.from('FROM alpine:3.20\n# caf'),
        Buffer.from([0xe9]),
        Buffer.from(' \u00e9\uFFFD\nRUN echo hi\n'),
      ]),
    );
    const r = cli(['analyze', latin1, '--budget', '1GB', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/1 invalid UTF-8 byte sequence \(line 2 column 6\)/);
    expect(JSON.parse(r.stdout).stages).toHaveLength(1);
  }, 300_000);
});

describe('cli: pieces', () => {
  it('decodeUtf8 reports invalid sequences, not a U+FFFD that was written as such', () => {
    const bytes = Buffer.concat([
      Buffer.from('ok \uFFFD\n'),
      Buffer.from([0x61, 0xff, 0x62, 0xe2, 0x82, 0x41, 0xf0, 0x9f, 0x98, 0x80, 0xc0]),
    ]);
    const d = decodeUtf8(bytes);
    expect(d.text).toBe('ok \uFFFD\na\uFFFDb\uFFFDA😀\uFFFD');
    expect(d.invalid).toEqual([
      { line: 2, column: 2 },
      { line: 2, column: 4 },
      { line: 2, column: 8 },
    ]);
    expect(describeInvalid(d.invalid)).toMatch(/^3 invalid UTF-8 byte sequences \(line 2 column 2, /);
    expect(decodeUtf8(Buffer.from('FROM alpine\n')).invalid).toEqual([]);
  });

  it('--timeout takes seconds, ms and minutes; rejects nonsense', () => {
    expect(parseDuration('30')).toBe(30_000);
    expect(parseDuration('1.5s')).toBe(1500);
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('2m')).toBe(120_000);
    expect(parseDuration('soon')).toBeNull();
    expect(parseCliArgs(['analyze', 'x', '--timeout=250ms']).timeoutMs).toBe(250);
    expect(() => parseCliArgs(['analyze', 'x', '--timeout', '0'])).toThrow(/Cannot read the timeout/);
  });
});
