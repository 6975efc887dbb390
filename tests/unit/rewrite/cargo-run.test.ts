// Rust images started with `cargo run`: the default rewrite builds the release binary in a builder
// stage and starts the binary itself in a small runtime stage; the step is verified (no violation)
// and only the options whose meaning is certain are translated.
import { beforeAll, describe, expect, it } from 'vitest';
import { synthesizeMultiStage } from '../../../src/engine/synthesize';
import { parseCargoRun } from '../../../src/engine/synthesize/rust-run';
import { analyze, df, finalBase, finalLines, parseDockerfile, ready, syntaxErrors } from './helpers';

beforeAll(async () => {
  await ready;
});

const PLAIN = df('FROM rust:1.79', 'WORKDIR /usr/src/app', 'COPY . .', 'CMD ["cargo", "run"]');

describe('cargo run → a built binary', () => {
  it('builds the package’s one binary with cargo build --release and starts it', () => {
    const r = synthesizeMultiStage(parseDockerfile(PLAIN))!;
    expect(r).not.toBeNull();
    expect(r.ecosystem).toBe('rust');
    expect(syntaxErrors(r.text)).toBe(0);
    expect(r.text).toMatch(/cargo build --release/);
    expect(r.text).toMatch(/\[ "\$#" -ne 1 \]/);
    const final = finalLines(r.text);
    expect(final).toContain('COPY --from=build /usr/src/app/target/release-binary /usr/local/bin/app');
    expect(final).toContain('CMD ["/usr/local/bin/app"]');
    expect(finalBase(r.text)).toBe('gcr.io/distroless/cc-debian12:nonroot');
    expect(r.changes).toEqual(['cmd', 'entrypoint']);
    expect(r.caveats.join(' ')).toMatch(/debug build/);
  });

  it('keeps --bin, features and the program’s own arguments; builds once when the original did', () => {
    const text = df(
      'FROM rust:1.79',
      'WORKDIR /app',
      'COPY . .',
      'RUN cargo build --release --features tls --bin server',
      'EXPOSE 8080',
      'CMD ["cargo", "run", "--release", "--features", "tls", "--bin", "server", "--", "--port", "8080"]',
    );
    const r = synthesizeMultiStage(parseDockerfile(text))!;
    expect(r.text.match(/cargo build --release --features tls --bin server/g)).toHaveLength(1);
    const final = finalLines(r.text);
    expect(final).toContain('COPY --from=build /app/target/release/server /usr/local/bin/server');
    expect(final).toContain('CMD ["/usr/local/bin/server", "--port", "8080"]');
    expect(r.caveats.join(' ')).not.toMatch(/debug build/);
  });

  it('leaves options whose meaning it cannot carry alone (workspace member, example, target)', () => {
    expect(parseCargoRun(['cargo', 'run', '-p', 'api'])).toBeNull();
    expect(parseCargoRun(['cargo', 'run', '--example', 'demo'])).toBeNull();
    expect(parseCargoRun(['cargo', 'run', '--target', 'x86_64-unknown-linux-musl'])).toBeNull();
    expect(parseCargoRun(['cargo', 'run', '--bin=api', '-q'])).toEqual({
      buildFlags: [],
      bin: 'api',
      release: false,
      programArgs: null,
    });
    const ws = df('FROM rust:1.79', 'WORKDIR /app', 'COPY . .', 'CMD ["cargo", "run", "-p", "api"]');
    expect(synthesizeMultiStage(parseDockerfile(ws))).toBeNull();
  });

  it('is applied by default, verified, and the .dockerignore keeps no build output by mistake', () => {
    const a = analyze(PLAIN);
    const step = a.rewrite.steps.find((s) => s.ruleId === 'multi-stage')!;
    expect(step.status).toBe('applied');
    expect(a.rewrite.violations ?? []).toEqual([]);
    expect(a.rewrite.dockerfile).toMatch(/CMD \["\/usr\/local\/bin\/app"\]/);
    expect(a.rewrite.estimate.uncompressedBytes).toBeLessThan(a.estimate.uncompressedBytes / 5);
    // target/ is made by cargo build in the image: the suggested .dockerignore keeps excluding it.
    expect(a.rewrite.dockerignore).toMatch(/^target$/m);
  });
});
