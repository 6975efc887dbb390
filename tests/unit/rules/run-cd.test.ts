// run-cd: valid / invalid cases named by scenario (an invalid case gives its fixed text, or null).
import { beforeAll } from 'vitest';
import { df, ready, ruleCases } from './helpers';

beforeAll(ready);

ruleCases('run-cd', {
  valid: [{ name: 'cd inside a subshell', code: df('FROM alpine:3.20', 'RUN (cd /tmp && make)') }],
  invalid: [
    { name: 'cd at the top level', code: df('FROM alpine:3.20', 'RUN cd /src && make'), output: null },
  ],
});
