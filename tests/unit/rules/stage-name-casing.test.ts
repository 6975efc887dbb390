// stage-name-casing: valid / invalid cases named by scenario (an invalid case gives its fixed text, or null).
import { beforeAll } from 'vitest';
import { df, ready, ruleCases } from './helpers';

beforeAll(ready);

ruleCases('stage-name-casing', {
  valid: [{ name: 'lower case', code: df('FROM alpine:3.20 AS base') }],
  invalid: [
    {
      name: 'referenced by FROM',
      code: df('FROM alpine:3.20 AS Base', 'FROM Base'),
      output: df('FROM alpine:3.20 AS base', 'FROM base'),
    },
  ],
});
