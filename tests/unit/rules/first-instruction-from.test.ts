// first-instruction-from: valid / invalid cases named by scenario (an invalid case gives its fixed text, or null).
import { beforeAll } from 'vitest';
import { df, ready, ruleCases } from './helpers';

beforeAll(ready);

ruleCases('first-instruction-from', {
  valid: [{ name: 'ARG first', code: df('ARG V=3.20', 'FROM alpine:${V}') }],
  invalid: [{ name: 'ENV first', code: df('ENV A=1', 'FROM alpine:3.20') }],
});
