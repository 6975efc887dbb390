// broken-json-form: bracket text that is not valid JSON runs as shell text.
import { beforeAll } from 'vitest';
import { df, ready, ruleCases } from './helpers';

beforeAll(ready);

ruleCases('broken-json-form', {
  valid: [
    { name: 'valid JSON form', code: df('FROM node:20-slim', 'CMD ["node", "server.js"]') },
    { name: 'plain shell form', code: df('FROM node:20-slim', 'CMD node server.js') },
  ],
  invalid: [
    {
      name: 'single quotes',
      code: df('FROM node:20-slim', "CMD ['node', 'server.js']"),
      output: df('FROM node:20-slim', 'CMD ["node", "server.js"]'),
    },
    {
      name: 'a trailing comment (no automatic fix)',
      code: df('FROM node:20-slim', 'ENTRYPOINT ["node", "server.js"] # start the app'),
      output: null,
    },
    {
      name: 'a missing comma in RUN',
      code: df('FROM alpine:3.20', 'RUN ["echo" "hi"]'),
      output: null,
    },
  ],
});
