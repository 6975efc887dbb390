// ca-certificates-on-scratch: a scratch image whose program makes TLS calls gets no CA bundle.
import { beforeAll } from 'vitest';
import { df, ready, ruleCases } from './helpers';

beforeAll(ready);

const image = (builder: string, setup: string[], final: string[]) =>
  df(
    `FROM ${builder} AS build`,
    ...setup,
    'WORKDIR /src',
    'COPY . .',
    'RUN CGO_ENABLED=0 go build -o /out/api .',
    'FROM scratch',
    ...final,
    'COPY --from=build /out/api /api',
    'ENTRYPOINT ["/api"]',
  );
const APK = ['RUN apk add --no-cache ca-certificates'];
const COPY_BUNDLE = 'COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/';

ruleCases('ca-certificates-on-scratch', {
  valid: [
    { name: 'the bundle is copied', code: image('golang:1.23-alpine', APK, [COPY_BUNDLE]) },
    {
      name: 'the certs folder is copied',
      code: image('golang:1.23-alpine', APK, ['COPY --from=build /etc/ssl/certs /etc/ssl/certs']),
    },
    { name: 'no sign of TLS (no ca-certificates, no https address)', code: image('golang:1.23', [], []) },
    {
      name: 'SSL_CERT_FILE points elsewhere',
      code: image('golang:1.23-alpine', APK, ['ENV SSL_CERT_FILE=/certs/ca.pem']),
    },
    {
      name: 'distroless static ships the bundle',
      code: image('golang:1.23-alpine', APK, []).replace(
        'FROM scratch',
        'FROM gcr.io/distroless/static-debian12',
      ),
    },
  ],
  invalid: [
    {
      name: 'the builder installs ca-certificates (apk), scratch gets none',
      code: image('golang:1.23-alpine', APK, []),
      output: image('golang:1.23-alpine', APK, [COPY_BUNDLE]),
    },
    {
      name: 'apt-get installs them in a Debian builder',
      code: image(
        'golang:1.23',
        ['RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates'],
        [],
      ),
      output: image(
        'golang:1.23',
        ['RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates'],
        [COPY_BUNDLE],
      ),
    },
    {
      name: 'an https address in ENV; golang ships the bundle',
      code: image('golang:1.23', [], ['ENV API_URL=https://api.example.com']),
      output: image('golang:1.23', [], ['ENV API_URL=https://api.example.com']).replace(
        'FROM scratch\n',
        `FROM scratch\n${COPY_BUNDLE}\n`,
      ),
    },
    {
      name: 'an https address in CMD, a builder of unknown contents: reported, not fixed',
      code: image('debian:12-slim', [], ['CMD ["--upstream", "https://example.com"]']),
      output: null,
    },
  ],
});
