// duplicate-stage-name: valid / invalid cases named by scenario (an invalid case gives its fixed text, or null).
import { beforeAll } from 'vitest';
import { df, ready, ruleCases } from './helpers';

beforeAll(ready);

ruleCases('duplicate-stage-name', {
  valid: [{ name: 'distinct names', code: df('FROM alpine:3.20 AS a', 'FROM alpine:3.20 AS b') }],
  invalid: [
    { name: 'same name in another case', code: df('FROM alpine:3.20 AS build', 'FROM alpine:3.20 AS Build') },
  ],
});
