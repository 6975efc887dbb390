// unknown-instruction: valid / invalid cases named by scenario (an invalid case gives its fixed text, or null).
import { beforeAll } from 'vitest';
import { df, ready, ruleCases } from './helpers';

beforeAll(ready);

ruleCases('unknown-instruction', {
  valid: [{ name: 'lower-case keywords are known', code: df('from alpine:3.20', 'run echo hi') }],
  invalid: [
    {
      name: 'RUNN',
      code: df('FROM alpine:3.20', 'RUNN echo hi'),
      output: df('FROM alpine:3.20', 'RUN echo hi'),
    },
    {
      name: 'a lost continuation: reported, not fixed',
      code: df('FROM alpine:3.20', 'RUN apk add curl', '    git'),
      output: null,
    },
  ],
});
