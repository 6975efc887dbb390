// maintainer-deprecated: valid / invalid cases named by scenario (an invalid case gives its fixed text, or null).
import { beforeAll } from 'vitest';
import { df, ready, ruleCases } from './helpers';

beforeAll(ready);

ruleCases('maintainer-deprecated', {
  valid: [
    { name: 'a label', code: df('FROM alpine:3.20', 'LABEL org.opencontainers.image.authors="a@b.c"') },
  ],
  invalid: [
    {
      name: 'quotes are escaped',
      code: df('FROM alpine:3.20', 'MAINTAINER "Jane" <j@x.io>'),
      output: df('FROM alpine:3.20', 'LABEL org.opencontainers.image.authors="\\"Jane\\" <j@x.io>"'),
    },
  ],
});
