// copy-from-own-stage: valid / invalid cases named by scenario (an invalid case gives its fixed text, or null).
import { beforeAll } from 'vitest';
import { df, ready, ruleCases } from './helpers';

beforeAll(ready);

ruleCases('copy-from-own-stage', {
  valid: [
    {
      name: 'another stage',
      code: df('FROM alpine:3.20 AS a', 'FROM alpine:3.20 AS b', 'COPY --from=a /x /x'),
    },
  ],
  invalid: [
    { name: 'by name', code: df('FROM alpine:3.20 AS a', 'COPY --from=a /x /y'), output: null },
    { name: 'by index', code: df('FROM alpine:3.20', 'FROM alpine:3.20', 'COPY --from=1 /x /y') },
  ],
});
