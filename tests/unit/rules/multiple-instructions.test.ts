// multiple-instructions: valid / invalid cases named by scenario (an invalid case gives its fixed text, or null).
import { beforeAll } from 'vitest';
import { df, ready, ruleCases } from './helpers';

beforeAll(ready);

ruleCases('multiple-instructions', {
  valid: [
    {
      name: 'one CMD per stage',
      code: df('FROM alpine:3.20 AS a', 'CMD ["a"]', 'FROM alpine:3.20', 'CMD ["b"]'),
    },
    { name: 'CMD and ENTRYPOINT', code: df('FROM alpine:3.20', 'ENTRYPOINT ["a"]', 'CMD ["b"]') },
  ],
  invalid: [
    {
      name: 'two ENTRYPOINTs',
      code: df('FROM alpine:3.20', 'ENTRYPOINT ["a"]', 'ENTRYPOINT ["b"]'),
      output: df('FROM alpine:3.20', 'ENTRYPOINT ["b"]'),
    },
    {
      name: 'three HEALTHCHECKs: two findings',
      code: df('FROM alpine:3.20', 'HEALTHCHECK NONE', 'HEALTHCHECK NONE', 'HEALTHCHECK CMD true'),
      count: 2,
    },
  ],
});
