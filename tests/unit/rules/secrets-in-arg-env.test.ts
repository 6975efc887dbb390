// secrets-in-arg-env: valid / invalid cases named by scenario (an invalid case gives its fixed text, or null).
import { beforeAll } from 'vitest';
import { df, ready, ruleCases } from './helpers';

beforeAll(ready);

ruleCases('secrets-in-arg-env', {
  valid: [
    {
      name: 'ordinary names',
      code: df('FROM node:22-slim', 'ARG NODE_VERSION=22', 'ENV PORT=3000 NODE_ENV=production'),
    },
    {
      name: 'GPG_KEY of the python image',
      code: df('FROM debian:12-slim', 'ENV GPG_KEY=7169605F62C751356D054A26A821E680E5FA6305'),
    },
    {
      name: 'a path to a secret file',
      code: df('FROM debian:12-slim', 'ENV DB_PASSWORD_FILE=/run/secrets/db'),
    },
    { name: 'a public key', code: df('FROM debian:12-slim', 'ARG PUBLIC_KEY') },
  ],
  invalid: [
    {
      name: 'ENV with a password',
      code: df('FROM postgres:16', 'ENV POSTGRES_PASSWORD=postgres'),
      output: null,
    },
    { name: 'ARG token', code: df('FROM node:22-slim', 'ARG GITHUB_TOKEN') },
    {
      name: 'an AWS access key id as a value',
      code: df('FROM debian:12-slim', 'ENV SOMETHING=AKIAIOSFODNN7EXAMPLE'),
    },
    { name: 'an access key id by name', code: df('FROM debian:12-slim', 'ARG AWS_ACCESS_KEY_ID') },
    { name: 'camelCase apiKey', code: df('FROM debian:12-slim', 'ARG apiKey') },
  ],
});
