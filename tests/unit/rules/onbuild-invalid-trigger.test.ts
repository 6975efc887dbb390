// onbuild-invalid-trigger: valid / invalid cases named by scenario (an invalid case gives its fixed text, or null).
import { beforeAll } from 'vitest';
import { df, ready, ruleCases } from './helpers';

beforeAll(ready);

ruleCases('onbuild-invalid-trigger', {
  valid: [{ name: 'ONBUILD COPY', code: df('FROM alpine:3.20', 'ONBUILD COPY . /app') }],
  invalid: [{ name: 'ONBUILD MAINTAINER', code: df('FROM alpine:3.20', 'ONBUILD MAINTAINER me') }],
});
