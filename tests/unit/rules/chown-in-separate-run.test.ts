// chown-in-separate-run: valid / invalid cases named by scenario (an invalid case gives its fixed text, or null).
import { beforeAll } from 'vitest';
import { df, ready, ruleCases } from './helpers';

beforeAll(ready);

ruleCases('chown-in-separate-run', {
  valid: [
    { name: 'COPY --chown', code: df('FROM node:22-slim', 'COPY --chown=node:node . /app') },
    {
      name: 'chown of a folder made by RUN',
      code: df('FROM node:22-slim', 'RUN mkdir /data && chown -R node /data'),
    },
  ],
  invalid: [
    {
      name: 'chown -R after COPY',
      code: df('FROM node:22-slim', 'COPY . /app', 'RUN chown -R node:node /app'),
      output: null,
    },
    {
      name: 'chmod -R after COPY into WORKDIR',
      code: df('FROM node:22-slim', 'WORKDIR /app', 'COPY . .', 'RUN chmod -R 755 .'),
      output: null,
    },
  ],
});
