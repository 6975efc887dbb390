// json-args: valid / invalid cases named by scenario (an invalid case gives its fixed text, or null).
import { beforeAll } from 'vitest';
import { df, ready, ruleCases } from './helpers';

beforeAll(ready);

ruleCases('json-args', {
  valid: [{ name: 'JSON form', code: df('FROM node:22-slim', 'CMD ["node", "server.js"]') }],
  invalid: [
    {
      name: 'exec in front is dropped',
      code: df('FROM node:22-slim', 'CMD exec node server.js'),
      output: df('FROM node:22-slim', 'CMD ["node", "server.js"]'),
    },
    {
      name: 'a variable needs a shell: reported, not fixed',
      code: df('FROM node:22-slim', 'CMD node server.js --port $PORT'),
      output: null,
    },
    {
      name: '&& needs a shell: reported, not fixed',
      code: df('FROM node:22-slim', 'CMD npm run migrate && npm start'),
      output: null,
    },
    {
      name: 'ENTRYPOINT with a CMD in the stage: not fixed',
      code: df('FROM node:22-slim', 'ENTRYPOINT node server.js', 'CMD ["--port", "80"]'),
      output: null,
    },
    {
      name: 'quoted arguments keep their meaning',
      code: df('FROM node:22-slim', `CMD node -e 'console.log(1)'`),
      output: null,
    },
  ],
});
