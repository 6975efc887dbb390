// useradd-lastlog: valid / invalid cases named by scenario (an invalid case gives its fixed text, or null).
import { beforeAll } from 'vitest';
import { df, ready, ruleCases } from './helpers';

beforeAll(ready);

ruleCases('useradd-lastlog', {
  valid: [
    { name: 'a low UID', code: df('FROM debian:12-slim', 'RUN useradd -u 1001 app') },
    { name: 'with -l', code: df('FROM debian:12-slim', 'RUN useradd -l -u 100000 app') },
  ],
  invalid: [
    {
      name: '--uid=',
      code: df('FROM debian:12-slim', 'RUN useradd --uid=200000 app'),
      output: df('FROM debian:12-slim', 'RUN useradd -l --uid=200000 app'),
    },
  ],
});
