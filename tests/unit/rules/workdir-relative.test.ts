// workdir-relative: valid / invalid cases named by scenario (an invalid case gives its fixed text, or null).
import { beforeAll } from 'vitest';
import { df, ready, ruleCases } from './helpers';

beforeAll(ready);

ruleCases('workdir-relative', {
  valid: [
    { name: 'absolute', code: df('FROM alpine:3.20', 'WORKDIR /app') },
    { name: 'relative after an absolute one', code: df('FROM alpine:3.20', 'WORKDIR /app', 'WORKDIR sub') },
    { name: 'a variable', code: df('FROM alpine:3.20', 'ENV HOME=/home/app', 'WORKDIR $HOME') },
  ],
  invalid: [
    {
      name: './app',
      code: df('FROM alpine:3.20', 'WORKDIR ./app'),
      output: df('FROM alpine:3.20', 'WORKDIR /app'),
    },
  ],
});
