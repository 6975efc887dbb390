// dev-dependencies: valid / invalid cases named by scenario (an invalid case gives its fixed text, or null).
import { beforeAll } from 'vitest';
import { df, ready, ruleCases } from './helpers';

beforeAll(ready);

ruleCases('dev-dependencies', {
  valid: [
    { name: 'npm ci --omit=dev', code: df('FROM node:22-slim', 'RUN npm ci --omit=dev') },
    { name: 'NODE_ENV=production', code: df('FROM node:22-slim', 'ENV NODE_ENV=production', 'RUN npm ci') },
    {
      name: 'builder stage',
      code: df(
        'FROM node:22 AS b',
        'RUN npm ci && npm run build',
        'FROM node:22-slim',
        'COPY --from=b /app/dist /app',
      ),
    },
    { name: 'global tool install', code: df('FROM node:22-slim', 'RUN npm install -g pm2') },
  ],
  invalid: [
    {
      name: 'npm install',
      code: df('FROM node:22-slim', 'RUN npm install'),
      output: df('FROM node:22-slim', 'RUN npm install --omit=dev'),
    },
    {
      name: 'pnpm install',
      code: df('FROM node:22-slim', 'RUN pnpm install --frozen-lockfile'),
      output: df('FROM node:22-slim', 'RUN pnpm install --prod --frozen-lockfile'),
    },
    {
      name: 'build afterwards needs the dev dependencies: reported, not fixed',
      code: df('FROM node:22-slim', 'RUN npm ci', 'RUN npm run build'),
      output: null,
    },
  ],
});

ruleCases('dev-dependencies', {
  valid: [
    {
      name: 'pnpm install <pkg> names a package',
      code: df('FROM node:22-slim', 'RUN pnpm install @scope/ext -w'),
    },
  ],
  invalid: [
    {
      name: 'an option value is not a package name',
      code: df('FROM node:22-slim', 'RUN npm ci --loglevel warn'),
      output: df('FROM node:22-slim', 'RUN npm ci --omit=dev --loglevel warn'),
    },
  ],
});
