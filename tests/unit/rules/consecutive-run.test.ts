// consecutive-run: valid / invalid cases named by scenario (an invalid case gives its fixed text, or null).
import { beforeAll } from 'vitest';
import { df, ready, ruleCases } from './helpers';

beforeAll(ready);

ruleCases('consecutive-run', {
  valid: [
    {
      name: 'a RUN that already chains commands ends the group',
      code: df('FROM debian:12-slim', 'RUN echo a && echo b', 'RUN echo c'),
    },
    {
      name: 'RUNs with different mounts',
      code: df(
        'FROM debian:12-slim',
        'RUN --mount=type=secret,id=a echo a',
        'RUN --mount=type=secret,id=b echo b',
      ),
    },
    {
      name: 'RUNs separated by other instructions',
      code: df('FROM debian:12-slim', 'RUN echo a', 'ENV X=1', 'RUN echo b', 'WORKDIR /x', 'RUN echo c'),
    },
    {
      name: 'a builder stage',
      code: df(
        'FROM debian:12 AS b',
        'RUN echo a',
        'RUN echo b',
        'RUN echo c',
        'FROM debian:12-slim',
        'COPY --from=b /x /x',
      ),
    },
    {
      name: 'RUNs with mounts are not grouped',
      code: df('FROM debian:12-slim', 'RUN echo a', 'RUN --mount=type=cache,target=/c echo b', 'RUN echo c'),
    },
  ],
  invalid: [
    {
      name: 'two RUNs in a row',
      code: df('FROM debian:12-slim', 'RUN echo a', 'RUN echo b'),
      output: df('FROM debian:12-slim', 'RUN echo a \\', '    && echo b'),
    },
    {
      name: 'RUNs with the same mount: reported, not fixed',
      code: df(
        'FROM debian:12-slim',
        'RUN --mount=type=secret,id=a echo a',
        'RUN --mount=type=secret,id=a echo b',
      ),
      output: null,
    },
    {
      name: 'three RUNs in a row',
      code: df('FROM debian:12-slim', 'RUN echo a', 'RUN echo b', 'RUN echo c'),
      output: df('FROM debian:12-slim', 'RUN echo a \\', '    && echo b \\', '    && echo c'),
    },
    {
      name: 'a comment in between: reported, not fixed',
      code: df('FROM debian:12-slim', 'RUN echo a', '# b', 'RUN echo b', 'RUN echo c'),
      output: null,
    },
  ],
});
