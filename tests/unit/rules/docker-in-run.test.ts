// docker-in-run: no Docker daemon during a build step.
import { beforeAll } from 'vitest';
import { df, ready, ruleCases } from './helpers';

beforeAll(ready);

ruleCases('docker-in-run', {
  valid: [
    { name: 'the client version only', code: df('FROM docker:27-cli', 'RUN docker --version') },
    { name: 'no docker', code: df('FROM debian:12-slim', 'RUN echo docker') },
    {
      name: 'a daemon socket mounted on purpose',
      code: df(
        'FROM docker:27-cli',
        'RUN --mount=type=bind,source=/var/run/docker.sock,target=/var/run/docker.sock docker ps',
      ),
    },
  ],
  invalid: [
    { name: 'docker pull', code: df('FROM docker:27-cli', 'RUN docker pull redis:7'), output: null },
    {
      name: 'docker-compose inside a chain',
      code: df('FROM docker:27-cli', 'RUN apk add docker-compose && docker-compose up -d'),
      output: null,
    },
  ],
});
