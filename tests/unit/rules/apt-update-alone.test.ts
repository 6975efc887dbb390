// apt-update-alone: valid / invalid cases named by scenario (an invalid case gives its fixed text, or null).
import { beforeAll } from 'vitest';
import { df, ready, ruleCases } from './helpers';

beforeAll(ready);

ruleCases('apt-update-alone', {
  valid: [
    {
      name: 'update and install together',
      code: df('FROM debian:12-slim', 'RUN apt-get update && apt-get install -y curl'),
    },
    { name: 'apk add --update style', code: df('FROM alpine:3.20', 'RUN apk update && apk add curl') },
  ],
  invalid: [
    {
      name: 'update alone, install in the next RUN',
      code: df('FROM debian:12-slim', 'RUN apt-get update', 'RUN apt-get install -y curl'),
      output: df('FROM debian:12-slim', 'RUN apt-get update \\', '    && apt-get install -y curl'),
    },
    {
      name: 'update alone at the end: reported, not fixed',
      code: df('FROM debian:12-slim', 'RUN apt-get update', 'CMD ["bash"]'),
      output: null,
    },
    { name: 'apk update alone', code: df('FROM alpine:3.20', 'RUN apk update', 'RUN apk add curl') },
  ],
});
