// env-same-statement-ref: valid / invalid cases named by scenario (an invalid case gives its fixed text, or null).
import { beforeAll } from 'vitest';
import { df, ready, ruleCases } from './helpers';

beforeAll(ready);

ruleCases('env-same-statement-ref', {
  valid: [
    { name: 'two ENV lines', code: df('FROM alpine:3.20', 'ENV A=/x', 'ENV B=$A/y') },
    { name: 'the variable was set before', code: df('FROM alpine:3.20', 'ENV A=/x', 'ENV A=/z B=$A/y') },
  ],
  invalid: [{ name: 'braced reference', code: df('FROM alpine:3.20', 'ENV A=/x B=${A}/y') }],
});
