// missing-dockerignore: valid / invalid cases named by scenario (an invalid case gives its fixed text, or null).
import { beforeAll } from 'vitest';
import { df, ready, ruleCases } from './helpers';

beforeAll(ready);

ruleCases('missing-dockerignore', {
  valid: [
    { name: 'copying named files', code: df('FROM node:22-slim', 'COPY package.json server.js ./') },
    {
      name: 'COPY --from a stage',
      code: df('FROM node:22 AS b', 'RUN echo', 'FROM node:22-slim', 'COPY --from=b . .'),
    },
  ],
  invalid: [
    {
      name: 'COPY . . once, reported once',
      code: df('FROM node:22-slim', 'COPY . .', 'COPY . /other'),
      output: null,
    },
  ],
});

ruleCases(
  'missing-dockerignore',
  {
    valid: [{ name: 'the context has a .dockerignore (option)', code: df('FROM node:22-slim', 'COPY . .') }],
    invalid: [],
  },
  { context: { hasDockerignore: true } },
);
