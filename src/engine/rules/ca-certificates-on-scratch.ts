// correctness: a `FROM scratch` final image whose program makes TLS calls but that holds no CA
// certificates: every https request fails with "x509: certificate signed by unknown authority".
// The Dockerfile shows the need when the stage the program comes from installs ca-certificates,
// or when the final image is given an https:// address (ENV, CMD, ENTRYPOINT).
import type { Stage } from '../model';
import type { Rule, RuleContext, RuleReport } from './types';
import { DOCS } from './refs';
import { baseInfo, contentEnd, eol, installs, isAlpineBase, isCopy, isRun, makeFix } from './util';

const BUNDLE = '/etc/ssl/certs/ca-certificates.crt';
/** A COPY/ADD that brings certificates (a bundle, the certs folder, /etc, the whole root). */
const CERT_PATH =
  /(^|\/)(ssl|certs?|pki|ca-certificates[^/]*|ca-bundle[^/]*|[^/]*\.(crt|pem))\/?$|^\/(etc\/?)?$/;
/** Images whose every variant ships the bundle at /etc/ssl/certs/ca-certificates.crt. */
const HAS_BUNDLE = /^(golang|rust|buildpack-deps)$/;

function installsCaCertificates(stage: Stage): boolean {
  return stage.instructions.some(
    (i) =>
      isRun(i) && installs(i).some((e) => e.packages.some((p) => /^ca-certificates(-bundle)?$/.test(p.name))),
  );
}

function httpsIn(final: Stage): string | null {
  for (const [key, value] of Object.entries(final.env ?? {}))
    if (/https:\/\//i.test(value)) return `ENV ${key}`;
  for (const i of final.instructions)
    if ((i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT') && /https:\/\//i.test(i.argsAfterFlags))
      return i.keyword;
  return null;
}

/** The stage a bundle can be copied from with certainty (it installs ca-certificates or ships them). */
function bundleSource(ctx: RuleContext, stages: Stage[]): Stage | null {
  for (const s of stages) {
    if (installsCaCertificates(s)) return s;
    const info = baseInfo(ctx, s);
    if (info && (HAS_BUNDLE.test(info.repo) || isAlpineBase(info))) return s;
  }
  return null;
}

export const rule: Rule = {
  meta: {
    id: 'ca-certificates-on-scratch',
    technique: 'correctness',
    severity: 'warning',
    title: 'No CA certificates in a scratch image that makes TLS calls',
    hadolint: [],
    buildChecks: [],
    references: [DOCS.multiStage, 'https://pkg.go.dev/crypto/x509#SystemCertPool'],
    fixable: 'sometimes',
    fixSafety: 'safe',
  },
  docs: {
    whatItDoes:
      'Reports a `FROM scratch` final stage that receives no CA certificates although the program it ships makes TLS calls: the stage the program is copied from installs `ca-certificates`, or the final image is given an `https://` address (in ENV, CMD or ENTRYPOINT).',
    whyItMatters:
      '`scratch` is empty: it has no /etc/ssl/certs. A program that calls an https endpoint (an API, a database over TLS, a webhook) then fails every request with "x509: certificate signed by unknown authority" — at run time, not at build time. Copy the bundle from the build stage: `COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/`, or ship on `gcr.io/distroless/static`, which has it.',
    before: String.raw`FROM golang:1.23-alpine AS build
RUN apk add --no-cache ca-certificates
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/api .
FROM scratch
COPY --from=build /out/api /api
ENTRYPOINT ["/api"]
`,
    after: String.raw`FROM golang:1.23-alpine AS build
RUN apk add --no-cache ca-certificates
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/api .
FROM scratch
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
COPY --from=build /out/api /api
ENTRYPOINT ["/api"]
`,
    fixSafety:
      'Safe: the fix copies the bundle from a stage that installs ca-certificates (or whose base image ships it: golang, rust, Alpine) into the path Go, Rust (rustls-native-certs, OpenSSL) and most C libraries read. Offered only when such a stage exists.',
    whenNotToUse:
      'When the program makes no TLS calls (the https address is only passed on), embeds its roots (Go’s golang.org/x/crypto/x509roots/fallback, webpki-roots), or reads them from a mounted volume.',
  },
  check(ctx) {
    const { model } = ctx;
    const final = model.stages.find((s) => s.final);
    if (!final || !('scratch' in final.base)) return [];
    const copies = final.instructions.filter(isCopy);
    const provided = copies.some(
      (c) => c.sources.some((s) => CERT_PATH.test(s)) || CERT_PATH.test(c.destination),
    );
    if (provided || final.env?.SSL_CERT_FILE || final.env?.SSL_CERT_DIR) return [];
    const sources: Stage[] = [];
    for (const c of copies)
      if (c.from && 'stage' in c.from) {
        const s = model.stages[c.from.stage];
        if (s && !sources.includes(s)) sources.push(s);
      }
    const installer = sources.find(installsCaCertificates);
    const https = httpsIn(final);
    if (!installer && !https) return [];
    const why = installer
      ? `the stage it copies from (${installer.name ?? `#${installer.index}`}) installs ca-certificates, so the program expects them`
      : `the image is given an https:// address (${https})`;
    const from = bundleSource(ctx, installer ? [installer] : sources);
    const report: RuleReport = {
      span: final.from.span,
      message: `The final stage is FROM scratch and receives no CA certificates, but ${why}: every TLS request would fail with "certificate signed by unknown authority". Copy ${BUNDLE} from the build stage.`,
      fix: from
        ? makeFix('Copy the CA certificates from the build stage', 'safe', [
            {
              start: contentEnd(model, final.from),
              end: contentEnd(model, final.from),
              text: `${eol(model)}COPY --from=${from.name ?? from.index} ${BUNDLE} /etc/ssl/certs/`,
            },
          ])
        : null,
    };
    return [report];
  },
};
