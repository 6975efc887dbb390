// add-instead-of-copy: valid / invalid cases named by scenario (an invalid case gives its fixed text, or null).
import { beforeAll } from 'vitest';
import { df, ready, ruleCases } from './helpers';

beforeAll(ready);

ruleCases('add-instead-of-copy', {
  valid: [
    { name: 'a URL', code: df('FROM alpine:3.20', 'ADD https://example.com/a.tgz /tmp/') },
    { name: 'a local archive is extracted', code: df('FROM alpine:3.20', 'ADD rootfs.tar.gz /') },
  ],
  invalid: [
    {
      name: 'lower-case add',
      code: df('FROM alpine:3.20', 'add . /app'),
      output: df('FROM alpine:3.20', 'copy . /app'),
    },
  ],
});
