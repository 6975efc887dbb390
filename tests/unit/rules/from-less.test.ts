// Snippets without FROM (issue 19): linted instruction by instruction as hadolint does, with a
// finding that the file has no FROM, and no size guessed for a base image that is not there.
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze, shellParserLoaded } from '../../../src/engine/node';

beforeAll(() => shellParserLoaded);

describe('a Dockerfile without FROM', () => {
  it('keeps the no-FROM finding and the findings of each instruction', async () => {
    const a = await analyze('RUN apt-get update && apt-get install -y curl\nWORKDIR usr/src\nUSER root\n');
    const ids = a.findings.map((f) => `${f.line}:${f.ruleId}`);
    expect(ids).toContain('1:first-instruction-from');
    expect(ids).toContain('1:apt-lists-not-removed');
    expect(ids).toContain('2:workdir-relative');
    expect(a.findings.find((f) => f.ruleId === 'non-root-user')?.line).toBe(3);
    expect(a.syntaxErrors[0].message).toMatch(/no FROM/);
  });

  it('says "no base image" instead of estimating one', async () => {
    const a = await analyze('COPY . /app\nRUN pip install flask\n');
    expect(a.estimate.uncompressedBytes).toBe(0);
    expect(a.estimate.layers).toEqual([]);
    expect(a.estimate.assumptions?.join(' ')).toMatch(/No base image/);
  });

  it('leaves files with a FROM as they were: orphan instructions before it are not a stage', async () => {
    const a = await analyze('RUN echo hi\nFROM alpine:3.20\nRUN echo there\n');
    expect(a.stages).toHaveLength(1);
    expect(a.stages[0].base).toBe('alpine:3.20');
    expect(a.findings.some((f) => f.ruleId === 'first-instruction-from' && f.line === 1)).toBe(true);
  });

  it('an ARG-only snippet has no stage', async () => {
    const a = await analyze('ARG VERSION=1\n');
    expect(a.stages).toEqual([]);
  });
});
