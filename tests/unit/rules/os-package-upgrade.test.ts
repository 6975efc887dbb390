// os-package-upgrade: valid / invalid cases named by scenario (an invalid case gives its fixed text, or null).
import { beforeAll } from 'vitest';
import { df, ready, ruleCases } from './helpers';

beforeAll(ready);

ruleCases('os-package-upgrade', {
  valid: [
    {
      name: 'upgrading one package',
      code: df('FROM debian:12-slim', 'RUN apt-get install -y --only-upgrade openssl'),
    },
  ],
  invalid: [
    { name: 'apk upgrade', code: df('FROM alpine:3.20', 'RUN apk upgrade --no-cache') },
    { name: 'zypper dup', code: df('FROM opensuse/leap:15.6', 'RUN zypper dup -y') },
  ],
});
