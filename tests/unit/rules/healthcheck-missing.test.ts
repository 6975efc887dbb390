// healthcheck-missing: valid / invalid cases named by scenario (an invalid case gives its fixed text, or null).
import { beforeAll } from 'vitest';
import { df, ready, ruleCases } from './helpers';

beforeAll(ready);

ruleCases('healthcheck-missing', {
  valid: [
    {
      name: 'HEALTHCHECK present',
      code: df('FROM nginx:1.27', 'EXPOSE 80', 'HEALTHCHECK CMD curl -f http://localhost/ || exit 1'),
    },
    { name: 'HEALTHCHECK NONE is a decision', code: df('FROM nginx:1.27', 'EXPOSE 80', 'HEALTHCHECK NONE') },
    { name: 'no EXPOSE: not obviously a service', code: df('FROM alpine:3.20', 'CMD ["sh"]') },
    {
      name: 'distroless: no shell or curl to write a check with',
      code: df(
        'FROM gcr.io/distroless/static-debian12:nonroot',
        'COPY app /app',
        'EXPOSE 8080',
        'ENTRYPOINT ["/app"]',
      ),
    },
    {
      name: 'scratch, reached through a named stage',
      code: df('FROM scratch AS run', 'COPY app /app', 'FROM run', 'EXPOSE 8080', 'ENTRYPOINT ["/app"]'),
    },
  ],
  invalid: [
    { name: 'EXPOSE without HEALTHCHECK', code: df('FROM nginx:1.27', 'EXPOSE 80 443'), output: null },
  ],
});
