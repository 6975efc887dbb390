// apk-no-cache: valid / invalid cases named by scenario (an invalid case gives its fixed text, or null).
import { beforeAll } from 'vitest';
import { df, ready, ruleCases } from './helpers';

beforeAll(ready);

ruleCases('apk-no-cache', {
  valid: [
    { name: 'apk add --no-cache', code: df('FROM alpine:3.20', 'RUN apk add --no-cache curl') },
    {
      name: 'cache removed in the same RUN',
      code: df('FROM alpine:3.20', 'RUN apk add curl && rm -rf /var/cache/apk/*'),
    },
    {
      name: 'BuildKit cache mount',
      code: df('FROM alpine:3.20', 'RUN --mount=type=cache,target=/var/cache/apk apk add curl'),
    },
    {
      name: 'builder stage',
      code: df('FROM alpine:3.20 AS b', 'RUN apk add gcc', 'FROM alpine:3.20', 'COPY --from=b /x /x'),
    },
  ],
  invalid: [
    {
      name: 'apk add without --no-cache',
      code: df('FROM alpine:3.20', 'RUN apk add curl git'),
      output: df('FROM alpine:3.20', 'RUN apk add --no-cache curl git'),
    },
    {
      name: 'apk update before: the fix clears the cache instead',
      code: df('FROM alpine:3.20', 'RUN apk update && apk add curl'),
      output: df('FROM alpine:3.20', 'RUN apk update && apk add curl \\', '    && rm -rf /var/cache/apk/*'),
    },
  ],
});
