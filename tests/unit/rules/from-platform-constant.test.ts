// from-platform-constant: valid / invalid cases named by scenario (an invalid case gives its fixed text, or null).
import { beforeAll } from 'vitest';
import { df, ready, ruleCases } from './helpers';

beforeAll(ready);

ruleCases('from-platform-constant', {
  valid: [{ name: '$BUILDPLATFORM', code: df('FROM --platform=$BUILDPLATFORM golang:1.23 AS build') }],
  invalid: [{ name: 'linux/arm64', code: df('FROM --platform=linux/arm64 alpine:3.20'), output: null }],
});
