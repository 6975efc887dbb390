// Correctness fixes in the default rewrite: a fix that makes the image work (the CA bundle a
// scratch image lacks) is kept even though it adds bytes; size steps still never grow the image.
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze, df, ready } from './helpers';

beforeAll(async () => {
  await ready;
});

const TEXT = df(
  'FROM golang:1.23-alpine AS build',
  'RUN apk add --no-cache ca-certificates',
  'WORKDIR /src',
  'COPY . .',
  'RUN CGO_ENABLED=0 go build -o /out/api .',
  'FROM scratch',
  'COPY --from=build /out/api /api',
  'ENTRYPOINT ["/api"]',
);

describe('correctness steps', () => {
  it('copies the CA bundle into scratch (the step adds bytes, the image now makes TLS calls)', () => {
    const a = analyze(TEXT);
    const step = a.rewrite.steps.find((s) => s.ruleId === 'ca-certificates-on-scratch');
    expect(step?.status).toBe('applied');
    expect(step?.savingsBytes).toBe(0);
    expect(a.rewrite.dockerfile).toContain(
      'FROM scratch\nCOPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/\n',
    );
    expect(a.rewrite.violations ?? []).toEqual([]);
    expect(a.rewrite.estimate.uncompressedBytes).toBeGreaterThan(a.estimate.uncompressedBytes);
  });

  it('the CLI says "more" when the rewrite adds bytes', async () => {
    const { formatText } = await import('../../../src/cli/text');
    const a = analyze(TEXT);
    const out = formatText(a, { file: 'Dockerfile', rewrite: false, budget: null });
    expect(out).toMatch(/on disk \([\d.]+ kB more\)/);
    expect(out).not.toMatch(/-[\d.]+ kB less/);
  });
});
