// apt-no-install-recommends: valid / invalid cases named by scenario (an invalid case gives its fixed text, or null).
import { beforeAll } from 'vitest';
import { df, ready, ruleCases } from './helpers';

beforeAll(ready);

ruleCases('apt-no-install-recommends', {
  valid: [
    {
      name: 'with --no-install-recommends',
      code: df('FROM debian:12-slim', 'RUN apt-get install -y --no-install-recommends curl'),
    },
    {
      name: 'builder stage',
      code: df(
        'FROM debian:12 AS b',
        'RUN apt-get install -y gcc',
        'FROM debian:12-slim',
        'COPY --from=b /x /x',
      ),
    },
  ],
  invalid: [
    {
      name: 'apt-get install -y curl',
      code: df('FROM debian:12-slim', 'RUN apt-get install -y curl'),
      output: df('FROM debian:12-slim', 'RUN apt-get install --no-install-recommends -y curl'),
    },
  ],
});
