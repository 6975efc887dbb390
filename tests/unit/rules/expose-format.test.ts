// expose-format: valid / invalid cases named by scenario (an invalid case gives its fixed text, or null).
import { beforeAll } from 'vitest';
import { df, ready, ruleCases } from './helpers';

beforeAll(ready);

ruleCases('expose-format', {
  valid: [{ name: 'ports and protocols', code: df('FROM nginx:1.27', 'EXPOSE 80 443/tcp 53/udp 8000-8010') }],
  invalid: [
    {
      name: 'upper-case protocol',
      code: df('FROM nginx:1.27', 'EXPOSE 53/UDP'),
      output: df('FROM nginx:1.27', 'EXPOSE 53/udp'),
    },
    { name: 'out of range', code: df('FROM nginx:1.27', 'EXPOSE 70000'), output: null },
    {
      name: 'ip:host:container',
      code: df('FROM nginx:1.27', 'EXPOSE 127.0.0.1:8080:80'),
      output: df('FROM nginx:1.27', 'EXPOSE 80'),
    },
  ],
});
