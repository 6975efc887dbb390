// from-as-casing: valid / invalid cases named by scenario (an invalid case gives its fixed text, or null).
import { beforeAll } from 'vitest';
import { df, ready, ruleCases } from './helpers';

beforeAll(ready);

ruleCases('from-as-casing', {
  valid: [
    { name: 'FROM ... AS', code: df('FROM alpine:3.20 AS base') },
    { name: 'from ... as', code: df('from alpine:3.20 as base') },
  ],
  invalid: [
    { name: 'from ... AS', code: df('from alpine:3.20 AS base'), output: df('from alpine:3.20 as base') },
  ],
});
