// no-sudo: valid / invalid cases named by scenario (an invalid case gives its fixed text, or null).
import { beforeAll } from 'vitest';
import { df, ready, ruleCases } from './helpers';

beforeAll(ready);

ruleCases('no-sudo', {
  valid: [{ name: 'no sudo', code: df('FROM debian:12-slim', 'RUN mkdir /x') }],
  invalid: [
    {
      name: 'sudo apt-get',
      code: df('FROM debian:12-slim', 'RUN sudo apt-get update'),
      output: df('FROM debian:12-slim', 'RUN apt-get update'),
    },
  ],
});
