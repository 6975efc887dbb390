// The shared primitives: one byte formatter, one edit applier, one line index, one set of path
// helpers, one keyword list, one final-stage query.
import { describe, expect, it } from 'vitest';
import {
  applyEdits,
  basename,
  columnAt,
  computeLineStarts,
  dirname,
  finalStage,
  formatBytes,
  isKnownKeyword,
  KNOWN_KEYWORDS,
  lineAt,
  normalizePath,
  resolvePath,
  trimTrailingSlashes,
} from '../../../src/engine/primitives';
import { formatBytes as uiFormatBytes } from '../../../src/ui/format';
import { formatBytes as cliFormatBytes } from '../../../src/cli/sizes';
import { parseDockerfile } from '../../../src/engine/parse';

describe('formatBytes', () => {
  it('prints SI units as `docker images` does, three significant digits, no trailing zeros, "kB"', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(1234)).toBe('1.23 kB');
    expect(formatBytes(12_000)).toBe('12 kB');
    expect(formatBytes(150_000_000)).toBe('150 MB');
    expect(formatBytes(45_600_000)).toBe('45.6 MB');
    expect(formatBytes(2_604_000)).toBe('2.6 MB');
    expect(formatBytes(20_000_000)).toBe('20 MB');
    expect(formatBytes(1_500_000_000)).toBe('1.5 GB');
    expect(formatBytes(-2_000_000)).toBe('−2 MB');
    expect(formatBytes(null)).toBe('—');
    expect(formatBytes(Number.NaN)).toBe('—');
  });

  it('intended fix: values that round up move to the next unit ("1 MB", not "1000 kB")', () => {
    expect(formatBytes(999_999)).toBe('1 MB');
    expect(formatBytes(9_999)).toBe('10 kB');
    expect(formatBytes(99_990)).toBe('100 kB');
    expect(formatBytes(999.6)).toBe('1 kB');
    expect(formatBytes(12.4)).toBe('12 B');
  });

  it('is the same function in the engine, the CLI and the page', () => {
    expect(uiFormatBytes).toBe(formatBytes);
    expect(cliFormatBytes).toBe(formatBytes);
  });

  it('the engine writes sizes in its explanations with it (no "KB" left)', () => {
    // A text that makes the estimator describe a few kB-sized items (a user, a heredoc file).
    const text = 'FROM debian:bookworm-slim\nRUN useradd app\nCOPY <<EOF /etc/x.conf\nx\nEOF\n';
    const m = parseDockerfile(text);
    expect(m.syntaxErrors).toEqual([]);
  });
});

describe('applyEdits', () => {
  it('applies non-overlapping edits in one pass, in any list order', () => {
    const edits = [
      { start: 5, end: 7, text: 'Y' },
      { start: 2, end: 2, text: 'XX' },
    ];
    expect(applyEdits('abcdefgh', edits)).toBe('abXXcdeYh');
  });

  it('insertions at one point come out as if applied one by one from the end (reverse list order)', () => {
    const edits = [
      { start: 1, end: 1, text: 'A' },
      { start: 1, end: 1, text: 'B' },
    ];
    expect(applyEdits('xy', edits)).toBe('xBAy');
  });

  it('clamps offsets to the text', () => {
    expect(applyEdits('abc', [{ start: 10, end: 12, text: '!' }])).toBe('abc!');
  });
});

describe('line index', () => {
  it('finds lines and columns for \\n, \\r\\n and lone \\r', () => {
    const starts = computeLineStarts('a\nbc\r\nd\re');
    expect(starts).toEqual([0, 2, 6, 8]);
    expect(lineAt(starts, 0)).toBe(1);
    expect(lineAt(starts, 3)).toBe(2);
    expect(lineAt(starts, 9)).toBe(4);
    expect(columnAt(starts, 3)).toBe(2);
  });
});

describe('paths', () => {
  it('normalises and resolves container paths', () => {
    expect(normalizePath('/a//b/./c/../d/')).toBe('/a/b/d');
    expect(normalizePath('../..')).toBe('/');
    expect(resolvePath('/app', './src/../dist')).toBe('/app/dist');
    expect(resolvePath(null, 'x')).toBe('/x');
    expect(resolvePath('app', 'x')).toBe('/app/x');
    expect(resolvePath('/app', '/etc/')).toBe('/etc');
  });

  it('basename and dirname ignore trailing slashes', () => {
    expect(basename('/app/dist/')).toBe('dist');
    expect(basename('name')).toBe('name');
    expect(dirname('/app/dist/')).toBe('/app');
    expect(dirname('/app')).toBe('/');
    expect(dirname('name')).toBe('/');
    expect(trimTrailingSlashes('/a///')).toBe('/a');
    expect(trimTrailingSlashes('/'.repeat(50_000) + 'x')).toHaveLength(50_001);
  });
});

describe('keywords and stages', () => {
  it('knows the 18 instructions', () => {
    expect(KNOWN_KEYWORDS).toHaveLength(18);
    expect(isKnownKeyword('HEALTHCHECK')).toBe(true);
    expect(isKnownKeyword('RUNN')).toBe(false);
  });

  it('finalStage is the last stage (or the one marked final), null without one', () => {
    const m = parseDockerfile('FROM alpine AS a\nFROM busybox AS b\n');
    expect(finalStage(m)?.name).toBe('b');
    expect(finalStage(parseDockerfile('# nothing\n'))).toBeNull();
  });
});
