// apt-get-not-apt: valid / invalid cases named by scenario (an invalid case gives its fixed text, or null).
import { beforeAll } from 'vitest';
import { df, ready, ruleCases } from './helpers';

beforeAll(ready);

ruleCases('apt-get-not-apt', {
  valid: [{ name: 'apt-get', code: df('FROM debian:12-slim', 'RUN apt-get update') }],
  invalid: [
    {
      name: 'apt update && apt install: one finding, both fixed',
      code: df('FROM debian:12-slim', 'RUN apt update && apt install -y curl'),
      output: df('FROM debian:12-slim', 'RUN apt-get update && apt-get install -y curl'),
    },
    {
      name: 'apt search becomes apt-cache',
      code: df('FROM debian:12-slim', 'RUN apt search curl'),
      output: df('FROM debian:12-slim', 'RUN apt-cache search curl'),
    },
  ],
});
