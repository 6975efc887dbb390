// Syntax errors: clear messages with 1-based line and column; never an exception.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadShellParser, parse } from './helpers';

beforeAll(loadShellParser);

function errors(...lines: string[]) {
  return parse(...lines).syntaxErrors;
}

describe('syntax errors', () => {
  it('reports empty input', () => {
    expect(errors('')).toEqual([{ line: 1, column: 1, message: expect.stringMatching(/empty/) }]);
    expect(errors('   ', '# only a comment')).toHaveLength(1);
  });

  it('reports a Dockerfile without FROM', () => {
    expect(errors('ARG A=1')).toEqual([{ line: 1, column: 1, message: expect.stringMatching(/no FROM/) }]);
  });

  it('reports instructions other than ARG before the first FROM', () => {
    expect(errors('ARG A=1', 'RUN echo', 'FROM alpine')).toEqual([
      { line: 2, column: 1, message: expect.stringMatching(/RUN comes before the first FROM/) },
    ]);
  });

  it('reports an unknown instruction', () => {
    expect(errors('FROM alpine', 'COPPY a b')).toEqual([
      {
        line: 2,
        column: 1,
        message: expect.stringMatching(/Unknown instruction "COPPY" \(did you mean COPY\?\)/),
      },
    ]);
  });

  it('reports missing arguments', () => {
    const e = errors('FROM', 'RUN', 'COPY onlyone', 'ENV', 'WORKDIR', 'USER', 'EXPOSE');
    expect(e.map((x) => x.line)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(e[0].message).toMatch(/FROM needs arguments/);
    expect(e[2].message).toMatch(/at least one source and a destination/);
  });

  it('reports a FROM with stray words', () => {
    expect(errors('FROM alpine latest')[0].message).toMatch(/AS name/);
  });

  it('reports SHELL without the JSON form and bad JSON in CMD', () => {
    const e = errors('FROM alpine', 'SHELL /bin/bash -c', 'CMD ["a" "b"]');
    expect(e.map((x) => x.line)).toEqual([2, 3]);
    expect(e[0].message).toMatch(/SHELL must use the JSON form/);
    expect(e[1].message).toMatch(/not valid JSON/);
  });

  it('reports HEALTHCHECK and ONBUILD misuse', () => {
    const e = errors('FROM alpine', 'HEALTHCHECK curl x', 'ONBUILD FROM x', 'ONBUILD');
    expect(e.map((x) => x.line)).toEqual([2, 3, 4]);
  });

  it('reports an unterminated heredoc at its marker', () => {
    expect(errors('FROM alpine', 'COPY <<EOF /x', 'text')).toEqual([
      { line: 2, column: 6, message: expect.stringMatching(/<<EOF is never closed/) },
    ]);
  });

  it('says binary input does not look like a Dockerfile', () => {
    const e = errors('FROM alpine\0\0\0', 'RUN x');
    expect(e).toHaveLength(1);
    expect(e[0].message).toMatch(/does not look like a Dockerfile/);
    const noise = Array.from({ length: 500 }, (_, i) => String.fromCharCode(1 + (i % 30))).join('');
    expect(errors(noise)[0].message).toMatch(/does not look like a Dockerfile/);
  });

  it('reports no error for a clean Dockerfile', () => {
    expect(
      errors(
        '# syntax=docker/dockerfile:1',
        'FROM alpine:3.20',
        'RUN apk add --no-cache curl',
        'CMD ["curl", "--version"]',
      ),
    ).toEqual([]);
  });

  it('survives the known dockerfile-ast traps', () => {
    expect(() => parse(' RUN $B', 'FROM alpine')).not.toThrow();
    expect(() => parse('  ARG V=${X:-1}', 'FROM alpine:$V')).not.toThrow();
    expect(parse('  ARG V=${X:-1}', 'FROM alpine:$V').instructions[1]).toMatchObject({
      resolvedImage: 'alpine:1',
    });
  });
});
