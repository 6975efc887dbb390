// legacy-env-format: valid / invalid cases named by scenario (an invalid case gives its fixed text, or null).
import { beforeAll } from 'vitest';
import { df, ready, ruleCases } from './helpers';

beforeAll(ready);

ruleCases('legacy-env-format', {
  valid: [{ name: 'key=value', code: df('FROM alpine:3.20', 'ENV A=1 B=2') }],
  invalid: [
    {
      name: 'a value with spaces is quoted',
      code: df('FROM alpine:3.20', 'ENV GREETING hello world'),
      output: df('FROM alpine:3.20', 'ENV GREETING="hello world"'),
    },
    {
      name: 'a value with quotes: reported, not fixed',
      code: df('FROM alpine:3.20', 'ENV GREETING "hello"'),
      output: null,
    },
  ],
});
