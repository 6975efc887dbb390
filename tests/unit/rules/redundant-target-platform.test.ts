// redundant-target-platform: valid / invalid cases named by scenario (an invalid case gives its fixed text, or null).
import { beforeAll } from 'vitest';
import { df, ready, ruleCases } from './helpers';

beforeAll(ready);

ruleCases('redundant-target-platform', {
  valid: [{ name: '$BUILDPLATFORM', code: df('FROM --platform=$BUILDPLATFORM alpine:3.20') }],
  invalid: [
    {
      name: '${TARGETPLATFORM}',
      code: df('FROM --platform=${TARGETPLATFORM} alpine:3.20 AS a'),
      output: df('FROM alpine:3.20 AS a'),
    },
  ],
});
