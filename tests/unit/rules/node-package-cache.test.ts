// node-package-cache: valid / invalid cases named by scenario (an invalid case gives its fixed text, or null).
import { beforeAll } from 'vitest';
import { df, ready, ruleCases } from './helpers';

beforeAll(ready);

ruleCases('node-package-cache', {
  valid: [
    {
      name: "don't warn: BuildKit cache mount",
      code: df('FROM node:22-slim', 'RUN --mount=type=cache,target=/root/.npm npm ci'),
    },
    {
      name: 'npm cache clean in the same RUN',
      code: df('FROM node:22-slim', 'RUN npm ci && npm cache clean --force'),
    },
    {
      name: 'builder stage',
      code: df('FROM node:22 AS b', 'RUN npm ci', 'FROM node:22-slim', 'COPY --from=b /app /app'),
    },
  ],
  invalid: [
    {
      name: 'npm ci',
      code: df('FROM node:22-slim', 'RUN npm ci'),
      output: df('FROM node:22-slim', 'RUN npm ci \\', '    && npm cache clean --force'),
    },
    {
      name: 'yarn install',
      code: df('FROM node:22-slim', 'RUN yarn install --frozen-lockfile'),
      output: df('FROM node:22-slim', 'RUN yarn install --frozen-lockfile \\', '    && yarn cache clean'),
    },
  ],
});
