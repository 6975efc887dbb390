// The stage graph: names, bases, dependencies, final and reachable stages, spans.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadShellParser, parse } from './helpers';

beforeAll(loadShellParser);

describe('stages', () => {
  const m = parse(
    'ARG GO=1.22',
    'FROM golang:${GO} AS build',
    'RUN go build -o /out/app .',
    '',
    'FROM node:22 AS assets',
    'RUN npm ci',
    '',
    'FROM build AS test',
    'RUN go test ./...',
    '',
    'FROM alpine:3.20 AS unused',
    '',
    'FROM scratch',
    'COPY --from=build /out/app /app',
    'RUN --mount=from=assets,source=/dist,target=/dist true',
  );

  it('numbers and names stages, with their base', () => {
    expect(m.stages.map((s) => [s.index, s.name])).toEqual([
      [0, 'build'],
      [1, 'assets'],
      [2, 'test'],
      [3, 'unused'],
      [4, null],
    ]);
    expect(m.stages.map((s) => s.base)).toEqual([
      { image: 'golang:1.22', unresolved: false },
      { image: 'node:22', unresolved: false },
      { stage: 0 },
      { image: 'alpine:3.20', unresolved: false },
      { scratch: true },
    ]);
  });

  it('computes dependencies, the final stage and reachability', () => {
    expect(m.stages.map((s) => s.dependsOn)).toEqual([[], [], [0], [], [0, 1]]);
    expect(m.stages.map((s) => s.final)).toEqual([false, false, false, false, true]);
    expect(m.stages.map((s) => s.reachable)).toEqual([true, true, false, false, true]);
    expect(m.stages[2].parent).toBe(0);
  });

  it('gives each stage its span and instructions', () => {
    expect(m.stages.map((s) => [s.span.line, s.span.endLine])).toEqual([
      [2, 3],
      [5, 6],
      [8, 9],
      [11, 11],
      [13, 15],
    ]);
    expect(m.stages[4].instructions.map((i) => i.keyword)).toEqual(['FROM', 'COPY', 'RUN']);
    expect(m.instructions.map((i) => i.stage)).toEqual([-1, 0, 0, 1, 1, 2, 2, 3, 4, 4, 4]);
  });

  it('joins relative WORKDIRs and normalises them', () => {
    const w = parse('FROM alpine', 'WORKDIR app', 'WORKDIR ../srv/./x', 'WORKDIR sub');
    expect(w.stages[0].workdir).toBe('/srv/x/sub');
  });

  it('has no stages without FROM', () => {
    expect(parse('ARG A=1').stages).toEqual([]);
  });
});

describe('workdir with unresolved variables', () => {
  it('keeps `$HOME/app` as written instead of joining it', () => {
    expect(parse('FROM alpine', 'WORKDIR /srv', 'WORKDIR $HOME/app').stages[0].workdir).toBe('$HOME/app');
    expect(parse('FROM alpine', 'ARG D=/opt', 'WORKDIR $D/app').stages[0].workdir).toBe('/opt/app');
  });
});
