// Which ecosystems a Dockerfile reveals: read from each module's `signs`, in one fixed order.
import { beforeAll, describe, expect, it } from 'vitest';
import { ECOSYSTEMS, detectEcosystems } from '../../../src/engine/ecosystems';
import { ensureShellParser, parseDockerfile } from '../../../src/engine/node';

beforeAll(ensureShellParser);

const detect = (...lines: string[]) => detectEcosystems(parseDockerfile(lines.join('\n') + '\n'));

describe('detectEcosystems', () => {
  it('every language module says what reveals it; no OS module does', () => {
    for (const e of ECOSYSTEMS) expect(!!e.signs, e.id).toBe(e.kind === 'language');
  });
  it('from base images and from the programs RUNs call, in the fixed order', () => {
    expect(detect('FROM golang:1.22', 'RUN go build -o /app .')).toEqual(['go']);
    expect(detect('FROM debian:12', 'RUN /usr/local/bin/pip install flask')).toEqual(['python']);
    expect(detect('FROM node:20 AS web', 'RUN npm ci', 'FROM rust:1 AS tool', 'RUN cargo build')).toEqual([
      'rust',
      'node',
    ]);
  });
  it('make and gcc count only when no language shows', () => {
    expect(detect('FROM debian:12', 'RUN make && gcc -o x x.c')).toEqual(['cpp']);
    expect(detect('FROM python:3.12', 'RUN make install')).toEqual(['python']);
    expect(detect('FROM debian:12', 'RUN echo hi')).toEqual(['other']);
  });
});
