// untrusted-registry (DL3026): the scenarios of hadolint's DL3026 spec, with trusted registries set.
import { beforeAll, describe, expect, it } from 'vitest';
import { df, lint, ready, ruleCases } from './helpers';

beforeAll(ready);

const trusting = (...trustedRegistries: string[]) => ({ lint: { trustedRegistries } });

ruleCases(
  'untrusted-registry',
  {
    valid: [
      { name: 'scratch', code: df('FROM scratch') },
      { name: 'an earlier stage', code: df('FROM random.com/foo AS build', 'FROM build') },
      { name: 'a trusted registry', code: df('FROM random.com/debian') },
      { name: 'a trusted wildcard', code: df('FROM foo.random.com/debian') },
      {
        name: 'COPY --from a trusted registry',
        code: df('FROM random.com/a', 'COPY --from=random.com/b /x /x'),
      },
      {
        name: 'RUN --mount from an earlier stage',
        code: df('FROM random.com/a AS s', 'RUN --mount=from=s ls'),
      },
      { name: 'an unresolved variable', code: df('ARG IMG', 'FROM ${IMG}') },
    ],
    invalid: [
      { name: 'another registry', code: df('FROM quay.io/debian'), output: null },
      { name: 'Docker Hub when not trusted', code: df('FROM debian:12'), output: null },
      { name: 'Docker Hub, written out', code: df('FROM docker.io/library/debian:12'), output: null },
      { name: 'COPY --from another registry', code: df('FROM random.com/a', 'COPY --from=evil.com/b /x /x') },
      {
        name: 'RUN --mount from another registry',
        code: df('FROM random.com/a', 'RUN --mount=type=cache,from=evil.com/b,target=/c ls'),
      },
      { name: 'wildcard does not match the bare domain', code: df('FROM notrandom.com/debian') },
    ],
  },
  trusting('random.com', '*.random.com'),
);

describe('untrusted-registry settings', () => {
  it('reports nothing without trusted registries', () => {
    expect(lint(df('FROM quay.io/debian'), 'untrusted-registry')).toEqual([]);
  });
  it('trusting docker.io trusts every spelling of Docker Hub', () => {
    for (const image of [
      'debian',
      'docker.io/debian',
      'index.docker.io/library/debian',
      'registry-1.docker.io/debian',
    ])
      expect(lint(df(`FROM ${image}`), 'untrusted-registry', trusting('docker.io')), image).toEqual([]);
  });
  it('* trusts everything', () => {
    expect(lint(df('FROM quay.io/debian'), 'untrusted-registry', trusting('*'))).toEqual([]);
  });
  it('names the image and its registry', () => {
    const [o] = lint(df('FROM quay.io/debian'), 'untrusted-registry', trusting('trusted.com'));
    expect(o.finding.message).toContain('quay.io/debian');
    expect(o.finding.line).toBe(1);
    expect(o.finding.aliases).toEqual(['DL3026']);
  });
});
