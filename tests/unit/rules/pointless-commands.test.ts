// pointless-commands: valid / invalid cases named by scenario (an invalid case gives its fixed text, or null).
import { beforeAll } from 'vitest';
import { df, ready, ruleCases } from './helpers';

beforeAll(ready);

ruleCases('pointless-commands', {
  valid: [
    {
      name: 'installing vim is not running it',
      code: df('FROM debian:12-slim', 'RUN apt-get install -y vim'),
    },
  ],
  invalid: [{ name: 'systemctl enable', code: df('FROM debian:12-slim', 'RUN systemctl enable nginx') }],
});
