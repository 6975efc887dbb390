// pin-os-packages: valid / invalid cases named by scenario (an invalid case gives its fixed text, or null).
import { beforeAll } from 'vitest';
import { df, ready, ruleCases } from './helpers';

beforeAll(ready);

ruleCases('pin-os-packages', {
  valid: [
    { name: 'apt pinned', code: df('FROM debian:12-slim', 'RUN apt-get install -y curl=7.88.1-10') },
    { name: 'apk pinned', code: df('FROM alpine:3.20', 'RUN apk add --no-cache curl=8.11.1-r0') },
    { name: 'a local .deb', code: df('FROM debian:12-slim', 'RUN apt-get install -y ./pkg.deb') },
  ],
  invalid: [
    { name: 'apt unpinned (DL3008)', code: df('FROM debian:12-slim', 'RUN apt-get install -y curl git') },
    {
      name: 'apt and apk are separate findings',
      code: df('FROM debian:12-slim', 'RUN apt-get install -y curl && apk add git'),
      count: 2,
    },
  ],
});
