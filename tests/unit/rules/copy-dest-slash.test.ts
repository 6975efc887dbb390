// copy-dest-slash: valid / invalid cases named by scenario (an invalid case gives its fixed text, or null).
import { beforeAll } from 'vitest';
import { df, ready, ruleCases } from './helpers';

beforeAll(ready);

ruleCases('copy-dest-slash', {
  valid: [
    { name: 'one source', code: df('FROM alpine:3.20', 'COPY a /app') },
    { name: 'a slash', code: df('FROM alpine:3.20', 'COPY a b /app/') },
    { name: 'dot-slash', code: df('FROM alpine:3.20', 'COPY a b ./') },
  ],
  invalid: [
    {
      name: 'dest .',
      code: df('FROM alpine:3.20', 'COPY a b .'),
      output: df('FROM alpine:3.20', 'COPY a b ./'),
    },
  ],
});
