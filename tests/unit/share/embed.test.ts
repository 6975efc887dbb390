import { describe, expect, it } from 'vitest';
import { highlight } from '../../../src/embed/highlight';
import { lineDiff } from '../../../src/embed/diff';
import { BLOW_UP_CPU_MS, withCpuTime } from '../cpu-time';

const join = (line: { v: string }[]) => line.map((t) => t.v).join('');

describe('embed highlighter', () => {
  it('keeps every character and classifies the parts', () => {
    const text =
      '# syntax=docker/dockerfile:1\nFROM node:20 AS build\n# a comment\nRUN --mount=type=cache,target=/root/.npm npm ci && echo "$HOME" \\\n    ${X:-y}\nCOPY --from=build /app /app\n';
    const lines = highlight(text);
    expect(lines.map(join).join('\n')).toBe(text);
    expect(lines[0][0].c).toBe('directive');
    expect(lines[1].find((t) => t.c === 'stage')?.v).toBe('build');
    expect(lines[2][0].c).toBe('comment');
    const run = lines[3];
    expect(run[0]).toEqual({ c: 'keyword', v: 'RUN' });
    expect(run.some((t) => t.c === 'flag' && t.v.includes('--mount'))).toBe(true);
    expect(run.some((t) => t.c === 'string' && t.v === '"$HOME"')).toBe(true);
    expect(run.some((t) => t.c === 'operator' && t.v === '&&')).toBe(true);
    // A continuation line is not read as an instruction.
    expect(lines[4].some((t) => t.c === 'keyword')).toBe(false);
    expect(lines[4].some((t) => t.c === 'variable')).toBe(true);
  });
  it('follows heredocs and keeps markup as text', () => {
    const lines = highlight(
      'RUN cat <<EOF > /x\n<script>alert(1)</script>\nFROM not-an-instruction\nEOF\nUSER app',
    );
    expect(lines[1]).toEqual([{ c: 'heredoc', v: '<script>alert(1)</script>' }]);
    expect(lines[2][0].c).toBe('heredoc');
    expect(lines[4][0]).toEqual({ c: 'keyword', v: 'USER' });
  });
  it('stays linear on a large file', () => {
    const big = 'RUN echo "x" && y $Z\n'.repeat(20_000);
    const { result: lines, cpuMs } = withCpuTime(() => highlight(big));
    expect(lines.length).toBeGreaterThanOrEqual(20_000);
    expect(cpuMs).toBeLessThan(BLOW_UP_CPU_MS);
  });
});

describe('embed line diff', () => {
  it('marks added and removed lines', () => {
    const diff = lineDiff('FROM a\nRUN x\nCMD y\n', 'FROM a\nRUN x && z\nUSER app\nCMD y\n')!;
    expect(diff.map((d) => `${d.kind[0]} ${d.text}`)).toEqual([
      's FROM a',
      'd RUN x',
      'a RUN x && z',
      'a USER app',
      's CMD y',
    ]);
  });
  it('identical texts are all "same"; CRLF does not count as a change', () => {
    expect(lineDiff('a\r\nb\r\n', 'a\nb\n')!.every((d) => d.kind === 'same')).toBe(true);
  });
  it('gives up (null) instead of working forever', () => {
    const a = Array.from({ length: 3000 }, (_, i) => `a${i}`).join('\n');
    const b = Array.from({ length: 3000 }, (_, i) => `b${i}`).join('\n');
    expect(lineDiff(a, b)).toBeNull();
  });
});
