// pipefail: valid / invalid cases named by scenario (an invalid case gives its fixed text, or null).
import { beforeAll } from 'vitest';
import { df, ready, ruleCases } from './helpers';

beforeAll(ready);

ruleCases('pipefail', {
  valid: [
    {
      name: 'SHELL with pipefail',
      code: df('FROM debian:12-slim', 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]', 'RUN curl -s x | sh'),
    },
    {
      name: 'set -o pipefail in the RUN',
      code: df('FROM debian:12-slim', 'RUN set -o pipefail && curl -s x | sh'),
    },
    {
      name: 'plain sh with set -o pipefail in the RUN itself',
      code: df('FROM alpine:3.20', 'SHELL ["/bin/sh", "-c"]', 'RUN set -o pipefail && wget -qO- x | sh'),
    },
    { name: 'no pipe', code: df('FROM debian:12-slim', 'RUN curl -so x y || true') },
  ],
  invalid: [
    {
      name: 'alpine gets ash',
      code: df('FROM alpine:3.20', 'RUN wget -qO- x | sh'),
      output: df('FROM alpine:3.20', 'SHELL ["/bin/ash", "-eo", "pipefail", "-c"]', 'RUN wget -qO- x | sh'),
    },
    {
      name: 'plain sh with pipefail does not count',
      code: df('FROM alpine:3.20', 'SHELL ["/bin/sh", "-o", "pipefail", "-c"]', 'RUN wget -qO- x | sh'),
      count: 1,
    },
    {
      name: 'two piped RUNs: both reported, one fix',
      code: df('FROM debian:12-slim', 'RUN a | b', 'RUN c | d'),
      count: 2,
    },
  ],
});
