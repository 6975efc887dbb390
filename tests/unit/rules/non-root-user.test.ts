// non-root-user: valid / invalid cases named by scenario (an invalid case gives its fixed text, or null).
import { beforeAll } from 'vitest';
import { df, ready, ruleCases } from './helpers';

beforeAll(ready);

ruleCases('non-root-user', {
  valid: [
    { name: 'USER set', code: df('FROM node:22-slim', 'USER node', 'CMD ["node"]') },
    {
      name: 'distroless nonroot',
      code: df('FROM gcr.io/distroless/static-debian12:nonroot', 'CMD ["/app"]'),
    },
    {
      name: 'nginx-unprivileged runs as nginx (uid 101) already',
      code: df(
        'FROM nginxinc/nginx-unprivileged:1.27-alpine',
        'COPY dist /usr/share/nginx/html',
        'EXPOSE 8080',
      ),
    },
    {
      name: 'USER set in the parent stage',
      code: df('FROM node:22-slim AS base', 'USER node', 'FROM base', 'CMD ["node"]'),
    },
    {
      name: 'root only in a builder',
      code: df('FROM node:22 AS b', 'USER root', 'FROM node:22-slim', 'USER node'),
    },
  ],
  invalid: [
    {
      name: 'last USER is root (DL3002)',
      code: df('FROM node:22-slim', 'USER node', 'USER root', 'CMD ["node"]'),
      output: null,
    },
    {
      name: 'no USER on a node image',
      code: df('FROM node:22-slim', 'CMD ["node"]'),
      output: df('FROM node:22-slim', 'USER node', 'CMD ["node"]'),
    },
    {
      name: 'no USER on distroless',
      code: df('FROM gcr.io/distroless/static-debian12', 'CMD ["/app"]'),
      output: df('FROM gcr.io/distroless/static-debian12:nonroot', 'CMD ["/app"]'),
    },
    {
      name: 'no USER on debian: reported, not fixed',
      code: df('FROM debian:12-slim', 'CMD ["bash"]'),
      output: null,
    },
  ],
});
