// copy-from-undefined-stage: valid / invalid cases named by scenario (an invalid case gives its fixed text, or null).
import { beforeAll } from 'vitest';
import { df, ready, ruleCases } from './helpers';

beforeAll(ready);

ruleCases('copy-from-undefined-stage', {
  valid: [
    {
      name: 'an earlier stage',
      code: df('FROM alpine:3.20 AS a', 'FROM alpine:3.20', 'COPY --from=a /x /x'),
    },
    {
      name: 'an outside image with a tag',
      code: df('FROM alpine:3.20', 'COPY --from=nginx:1.27 /etc/nginx /etc/nginx'),
    },
    {
      name: 'an earlier stage by index',
      code: df('FROM alpine:3.20', 'FROM alpine:3.20', 'COPY --from=0 /x /x'),
    },
  ],
  invalid: [
    {
      name: 'a typo in the stage name',
      code: df('FROM alpine:3.20 AS build', 'FROM alpine:3.20', 'COPY --from=biuld /x /x'),
      output: null,
    },
    {
      name: 'a later stage',
      code: df('FROM alpine:3.20', 'COPY --from=later /x /x', 'FROM alpine:3.20 AS later'),
    },
    {
      name: 'an index past the stages',
      code: df('FROM alpine:3.20', 'FROM alpine:3.20', 'COPY --from=5 /x /x'),
    },
  ],
});
