// wget-and-curl: valid / invalid cases named by scenario (an invalid case gives its fixed text, or null).
import { beforeAll } from 'vitest';
import { df, ready, ruleCases } from './helpers';

beforeAll(ready);

ruleCases('wget-and-curl', {
  valid: [{ name: 'curl only', code: df('FROM debian:12-slim', 'RUN curl -fsSL x', 'RUN curl -fsSL y') }],
  invalid: [{ name: 'in one RUN', code: df('FROM debian:12-slim', 'RUN curl -fsSL x && wget y') }],
});
