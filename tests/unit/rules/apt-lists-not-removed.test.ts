// apt-lists-not-removed: valid / invalid cases named by scenario (an invalid case gives its fixed text, or null).
import { beforeAll } from 'vitest';
import { df, ready, ruleCases } from './helpers';

beforeAll(ready);

ruleCases('apt-lists-not-removed', {
  valid: [
    {
      name: 'lists removed in the same RUN',
      code: df(
        'FROM debian:12-slim',
        'RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*',
      ),
    },
    {
      name: 'BuildKit cache mount on /var/lib/apt',
      code: df(
        'FROM debian:12-slim',
        'RUN --mount=type=cache,target=/var/lib/apt/lists apt-get update && apt-get install -y curl',
      ),
    },
    {
      name: 'install in a builder stage that does not ship',
      code: df(
        'FROM debian:12 AS build',
        'RUN apt-get update && apt-get install -y gcc',
        'FROM debian:12-slim',
        'COPY --from=build /usr/bin/gcc /x',
      ),
    },
    {
      name: 'apt-get update alone (apt-update-alone reports it)',
      code: df('FROM debian:12-slim', 'RUN apt-get update'),
    },
  ],
  invalid: [
    {
      name: 'single-line install without cleanup',
      code: df('FROM debian:12-slim', 'RUN apt-get update && apt-get install -y curl'),
      output: df(
        'FROM debian:12-slim',
        'RUN apt-get update && apt-get install -y curl \\',
        '    && rm -rf /var/lib/apt/lists/*',
      ),
    },
    {
      name: 'multi-line RUN in leading-&& style keeps its indentation',
      code: df('FROM debian:12-slim', 'RUN apt-get update \\', '  && apt-get install -y curl'),
      output: df(
        'FROM debian:12-slim',
        'RUN apt-get update \\',
        '  && apt-get install -y curl \\',
        '  && rm -rf /var/lib/apt/lists/*',
      ),
    },
    {
      name: 'multi-line RUN in trailing-&& style',
      code: df('FROM debian:12-slim', 'RUN apt-get update && \\', '    apt-get install -y curl'),
      output: df(
        'FROM debian:12-slim',
        'RUN apt-get update && \\',
        '    apt-get install -y curl && \\',
        '    rm -rf /var/lib/apt/lists/*',
      ),
    },
    {
      name: 'cleanup in a later RUN still ships the lists',
      code: df(
        'FROM debian:12-slim',
        'RUN apt-get update && apt-get install -y curl',
        'RUN rm -rf /var/lib/apt/lists/*',
      ),
    },
    {
      name: 'a stage the final stage builds FROM ships too',
      code: df(
        'FROM debian:12-slim AS base',
        'RUN apt-get update && apt-get install -y curl',
        'FROM base',
        'CMD ["curl"]',
      ),
    },
    {
      name: 'script ending in ; is reported, not fixed',
      code: df('FROM debian:12-slim', 'RUN apt-get update && apt-get install -y curl;'),
      output: null,
    },
  ],
});
