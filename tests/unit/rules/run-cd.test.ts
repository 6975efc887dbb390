// run-cd: valid / invalid cases named by scenario (an invalid case gives its fixed text, or null).
import { beforeAll } from 'vitest';
import { df, ready, ruleCases } from './helpers';

beforeAll(ready);

ruleCases('run-cd', {
  valid: [
    { name: 'cd inside a subshell', code: df('FROM alpine:3.20', 'RUN (cd /tmp && make)') },
    {
      name: 'cd into a mktemp -d folder (a detour, not a WORKDIR)',
      code: df(
        'FROM alpine:3.20',
        'RUN dir="$(mktemp -d)" && cd "$dir" && wget -q https://example.org/x.tgz',
      ),
    },
    {
      name: 'cd into a folder under /tmp',
      code: df('FROM alpine:3.20', 'RUN cd /tmp/build && make install'),
    },
  ],
  invalid: [
    { name: 'cd at the top level', code: df('FROM alpine:3.20', 'RUN cd /src && make'), output: null },
    {
      name: 'a detour into /tmp, then a cd into a real folder',
      code: df('FROM alpine:3.20', 'RUN cd /tmp && wget -q https://example.org/x.tgz && cd /src && make'),
      output: null,
    },
  ],
});
