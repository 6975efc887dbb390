// copy-whole-stage: valid / invalid cases named by scenario (an invalid case gives its fixed text, or null).
import { beforeAll } from 'vitest';
import { df, ready, ruleCases } from './helpers';

beforeAll(ready);

ruleCases('copy-whole-stage', {
  valid: [
    {
      name: 'only the artifact',
      code: df('FROM golang:1.23 AS b', 'RUN go build -o /app .', 'FROM scratch', 'COPY --from=b /app /app'),
    },
    {
      name: 'the root of a scratch stage holding only artifacts',
      code: df(
        'FROM golang:1.23 AS b',
        'RUN go build -o /app .',
        'FROM scratch AS out',
        'COPY --from=b /app /app',
        'FROM alpine:3.20',
        'COPY --from=out / /',
      ),
    },
    {
      name: 'into a builder stage that does not ship',
      code: df(
        'FROM golang:1.23 AS b',
        'FROM golang:1.23 AS c',
        'COPY --from=b / /',
        'FROM scratch',
        'COPY --from=c /x /x',
      ),
    },
  ],
  invalid: [
    {
      name: 'the whole builder filesystem',
      code: df('FROM golang:1.23 AS b', 'FROM alpine:3.20', 'COPY --from=b / /'),
      output: null,
    },
  ],
});
