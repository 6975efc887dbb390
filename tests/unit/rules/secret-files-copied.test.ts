// secret-files-copied: valid / invalid cases named by scenario (an invalid case gives its fixed text, or null).
import { beforeAll } from 'vitest';
import { df, ready, ruleCases } from './helpers';

beforeAll(ready);

ruleCases('secret-files-copied', {
  valid: [
    { name: '.env.example', code: df('FROM node:22-slim', 'COPY .env.example ./') },
    {
      name: 'from a stage',
      code: df('FROM node:22 AS b', 'RUN echo', 'FROM node:22-slim', 'COPY --from=b /app/.env ./'),
    },
  ],
  invalid: [
    { name: '.env', code: df('FROM node:22-slim', 'COPY .env ./'), output: null },
    { name: 'an SSH key', code: df('FROM node:22-slim', 'COPY id_rsa /root/.ssh/id_rsa') },
    { name: '.npmrc', code: df('FROM node:22-slim', 'COPY .npmrc package.json ./') },
  ],
});
