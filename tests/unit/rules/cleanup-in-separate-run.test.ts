// cleanup-in-separate-run: valid / invalid cases named by scenario (an invalid case gives its fixed text, or null).
import { beforeAll } from 'vitest';
import { df, ready, ruleCases } from './helpers';

beforeAll(ready);

ruleCases('cleanup-in-separate-run', {
  valid: [
    {
      name: 'cleanup in the same RUN',
      code: df(
        'FROM debian:12-slim',
        'RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*',
      ),
    },
    {
      name: 'cleanup in a builder stage',
      code: df(
        'FROM debian:12 AS b',
        'RUN apt-get update',
        'RUN rm -rf /var/lib/apt/lists/*',
        'FROM debian:12-slim',
        'COPY --from=b /x /x',
      ),
    },
    {
      name: 'a RUN that deletes and also builds',
      code: df('FROM debian:12-slim', 'RUN rm -rf /tmp/x && make'),
    },
  ],
  invalid: [
    {
      name: 'cleanup in a later RUN, directly after',
      code: df(
        'FROM debian:12-slim',
        'RUN apt-get update && apt-get install -y curl',
        'RUN apt-get clean && rm -rf /var/lib/apt/lists/*',
      ),
      output: df(
        'FROM debian:12-slim',
        'RUN apt-get update && apt-get install -y curl \\',
        '    && apt-get clean && rm -rf /var/lib/apt/lists/*',
      ),
    },
    {
      name: 'cleanup separated by another instruction: reported, not fixed',
      code: df(
        'FROM debian:12-slim',
        'RUN apt-get update && apt-get install -y curl',
        'ENV A=1',
        'RUN rm -rf /var/lib/apt/lists/*',
      ),
      output: null,
    },
    {
      name: 'a comment between the RUNs: reported, not fixed',
      code: df(
        'FROM debian:12-slim',
        'RUN apt-get update && apt-get install -y curl',
        '# tidy up',
        'RUN rm -rf /var/lib/apt/lists/*',
      ),
      output: null,
    },
  ],
});
