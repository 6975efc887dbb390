// copy-relative-no-workdir: valid / invalid cases named by scenario (an invalid case gives its fixed text, or null).
import { beforeAll } from 'vitest';
import { df, ready, ruleCases } from './helpers';

beforeAll(ready);

ruleCases('copy-relative-no-workdir', {
  valid: [
    { name: 'WORKDIR first', code: df('FROM alpine:3.20', 'WORKDIR /app', 'COPY a .') },
    { name: 'absolute destination', code: df('FROM alpine:3.20', 'COPY a /app/') },
    {
      name: 'WORKDIR in the parent stage',
      code: df('FROM alpine:3.20 AS base', 'WORKDIR /app', 'FROM base', 'COPY a .'),
    },
  ],
  invalid: [
    { name: 'COPY . .', code: df('FROM alpine:3.20', 'COPY . .') },
    {
      // Reported once in the parent; its later WORKDIR still holds for the stage built FROM it.
      name: 'a WORKDIR after the report counts for the child stage',
      code: df('FROM alpine:3.20 AS base', 'COPY a .', 'WORKDIR /app', 'FROM base', 'COPY b .'),
      line: 2,
    },
  ],
});
