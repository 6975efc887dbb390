// build-tools: valid / invalid cases named by scenario (an invalid case gives its fixed text, or null).
import { beforeAll } from 'vitest';
import { df, ready, ruleCases } from './helpers';

beforeAll(ready);

ruleCases('build-tools', {
  valid: [
    {
      name: 'build tools in a builder stage',
      code: df(
        'FROM debian:12 AS b',
        'RUN apt-get install -y gcc make',
        'FROM debian:12-slim',
        'COPY --from=b /x /x',
      ),
    },
    { name: 'runtime libraries only', code: df('FROM debian:12-slim', 'RUN apt-get install -y libpq5') },
    {
      name: 'apk virtual group removed in the same RUN',
      code: df('FROM alpine:3.20', 'RUN apk add --no-cache --virtual .b gcc musl-dev && make && apk del .b'),
    },
    {
      name: 'purged in the same RUN',
      code: df('FROM debian:12-slim', 'RUN apt-get install -y gcc && make && apt-get purge -y gcc'),
    },
  ],
  invalid: [
    {
      name: 'build-essential',
      code: df('FROM debian:12-slim', 'RUN apt-get install -y build-essential'),
      output: null,
    },
    { name: 'a -dev header package', code: df('FROM python:3.12-slim', 'RUN apt-get install -y libpq-dev') },
    { name: 'apk add gcc', code: df('FROM alpine:3.20', 'RUN apk add --no-cache gcc musl-dev') },
  ],
});
