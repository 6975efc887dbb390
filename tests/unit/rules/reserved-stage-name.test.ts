// reserved-stage-name: valid / invalid cases named by scenario (an invalid case gives its fixed text, or null).
import { beforeAll } from 'vitest';
import { df, ready, ruleCases } from './helpers';

beforeAll(ready);

ruleCases('reserved-stage-name', {
  valid: [{ name: 'an ordinary name', code: df('FROM alpine:3.20 AS base') }],
  invalid: [{ name: 'context', code: df('FROM alpine:3.20 AS context') }],
});
