// undefined-arg-in-from: valid / invalid cases named by scenario (an invalid case gives its fixed text, or null).
import { beforeAll } from 'vitest';
import { df, ready, ruleCases } from './helpers';

beforeAll(ready);

ruleCases('undefined-arg-in-from', {
  valid: [
    { name: 'declared', code: df('ARG V=3.20', 'FROM alpine:${V}') },
    { name: 'with a default', code: df('FROM alpine:${V:-3.20}') },
    { name: 'predefined platform args', code: df('FROM --platform=$BUILDPLATFORM golang:1.23') },
  ],
  invalid: [{ name: 'undeclared', code: df('FROM alpine:$VERSION'), output: null }],
});
