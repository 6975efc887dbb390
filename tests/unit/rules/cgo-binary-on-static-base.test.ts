// cgo-binary-on-static-base: a cgo-linked Go binary on scratch / distroless static.
import { beforeAll } from 'vitest';
import { df, ready, ruleCases } from './helpers';

beforeAll(ready);

const build = (builder: string, run: string, runtime: string) =>
  df(
    `FROM ${builder} AS build`,
    'WORKDIR /src',
    'COPY . .',
    `RUN ${run}`,
    `FROM ${runtime}`,
    'COPY --from=build /out/api /api',
    'ENTRYPOINT ["/api"]',
  );

ruleCases('cgo-binary-on-static-base', {
  valid: [
    { name: 'CGO_ENABLED=0', code: build('golang:1.23', 'CGO_ENABLED=0 go build -o /out/api .', 'scratch') },
    {
      name: 'ENV CGO_ENABLED=0 in the builder',
      code: build('golang:1.23', 'go build -o /out/api .', 'scratch').replace(
        'WORKDIR /src',
        'ENV CGO_ENABLED=0\nWORKDIR /src',
      ),
    },
    {
      name: 'an Alpine builder has no C compiler',
      code: build('golang:1.23-alpine', 'go build -o /out/api .', 'scratch'),
    },
    {
      name: 'a glibc runtime (distroless base)',
      code: build('golang:1.23', 'go build -o /out/api .', 'gcr.io/distroless/base-debian12'),
    },
  ],
  invalid: [
    {
      name: 'CGO_ENABLED unset on golang (Debian) to scratch',
      code: build('golang:1.23', 'go build -o /out/api .', 'scratch'),
      output: build('golang:1.23', 'CGO_ENABLED=0 go build -o /out/api .', 'scratch'),
    },
    {
      name: 'CGO_ENABLED=1 to distroless static',
      code: build(
        'golang:1.23-alpine',
        'apk add gcc musl-dev && CGO_ENABLED=1 go build -o /out/api .',
        'gcr.io/distroless/static-debian12',
      ),
      output: null,
    },
  ],
});
