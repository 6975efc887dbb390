// base-image-latest: valid / invalid cases named by scenario (an invalid case gives its fixed text, or null).
import { beforeAll } from 'vitest';
import { df, ready, ruleCases } from './helpers';

beforeAll(ready);

ruleCases('base-image-latest', {
  valid: [
    { name: 'a version tag', code: df('FROM node:22-slim') },
    { name: 'latest pinned by digest', code: df('FROM node:latest@sha256:' + 'a'.repeat(64)) },
    { name: 'scratch', code: df('FROM scratch') },
  ],
  invalid: [{ name: 'node:latest', code: df('FROM node:latest'), output: null }],
});
