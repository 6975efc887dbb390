// shell-symlink: valid / invalid cases named by scenario (an invalid case gives its fixed text, or null).
import { beforeAll } from 'vitest';
import { df, ready, ruleCases } from './helpers';

beforeAll(ready);

ruleCases('shell-symlink', {
  valid: [
    { name: 'other symlinks', code: df('FROM debian:12-slim', 'RUN ln -s /usr/bin/python3 /usr/bin/python') },
  ],
  invalid: [{ name: 'ln -s bash sh', code: df('FROM debian:12-slim', 'RUN ln -s /bin/bash /bin/sh') }],
});
