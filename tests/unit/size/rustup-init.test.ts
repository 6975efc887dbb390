// `rustup-init` run by its path installs the Rust toolchain where RUSTUP_HOME says: from ENV, from
// an `export` earlier in the same RUN, or from the command's own prefix; a later `rm -rf` of that
// folder takes it out again (Ruby's images build YJIT with a throwaway toolchain in /tmp/rust).
import { beforeAll, describe, expect, it } from 'vitest';
import { estimate, layerAt, ready } from './helpers';
import { parseDockerfile } from '../../../src/engine/node';

beforeAll(ready);

const FETCH =
  'wget -O /tmp/rustup-init "https://downloads.example/rustup/archive/1.29.0/x86_64-unknown-linux-gnu/rustup-init" && chmod +x /tmp/rustup-init';

function layer(base: string, env: string, run: string) {
  const l = layerAt(estimate(`FROM ${base}\n${env}\nRUN ${run}\n`), 3);
  return { bytes: l.uncompressedBytes, compressed: l.compressedBytes, basis: l.basis };
}

describe('rustup-init', () => {
  it('is read as a program run by its path, with its arguments', () => {
    const model = parseDockerfile(`FROM debian:trixie-slim\nRUN ./rustup-init -y --profile minimal\n`);
    const run = model.stages[0].instructions[1];
    expect('shell' in run && run.shell?.effects).toEqual([
      {
        kind: 'run-script',
        script: './rustup-init',
        prefix: null,
        args: ['-y', '--profile', 'minimal'],
        command: 0,
      },
    ]);
  });

  it('installs the minimal toolchain into RUSTUP_HOME from ENV, musl bigger than glibc', () => {
    const env = 'ENV RUSTUP_HOME=/usr/local/rustup CARGO_HOME=/usr/local/cargo';
    const run = `${FETCH} && /tmp/rustup-init -y --no-modify-path --profile minimal && rm /tmp/rustup-init`;
    const glibc = layer('debian:trixie-slim', env, run);
    const musl = layer('alpine:3.22', env, run.replace('wget -O', 'wget -qO'));
    expect(glibc.basis).toMatch(
      /Rust toolchain \(minimal profile\) into \/usr\/local\/rustup and \/usr\/local\/cargo\/bin/,
    );
    // The published rust:1 rustup layer is 213.8 MB compressed; rust:1-alpine's 270.2 MB.
    expect(glibc.compressed / 1e6).toBeGreaterThan(200);
    expect(glibc.compressed / 1e6).toBeLessThan(230);
    expect(musl.compressed).toBeGreaterThan(glibc.compressed * 1.2);
  });

  it('the default profile is bigger than the minimal one', () => {
    const minimal = layer('debian:trixie-slim', '', `${FETCH} && /tmp/rustup-init -y --profile minimal`);
    const full = layer('debian:trixie-slim', '', `${FETCH} && /tmp/rustup-init -y`);
    expect(full.bytes).toBeGreaterThan(minimal.bytes);
    expect(full.basis).toMatch(/default profile\) into \/root\/\.rustup/);
  });

  it('follows RUSTUP_HOME exported earlier in the RUN or set on the command, and its removal', () => {
    const exported = `${FETCH} && export RUSTUP_HOME='/tmp/rust/rustup' CARGO_HOME='/tmp/rust/cargo' && /tmp/rustup-init -y --profile minimal`;
    expect(layer('debian:trixie-slim', '', exported).basis).toMatch(
      /into \/tmp\/rust\/rustup and \/tmp\/rust\/cargo\/bin/,
    );
    const removed = layer('debian:trixie-slim', '', `${exported} && rm -rf /tmp/rust /tmp/rustup-init`);
    expect(removed.bytes).toBeLessThan(1e6);
    const prefixed = `${FETCH} && RUSTUP_HOME=/opt/rust /tmp/rustup-init -y --profile minimal`;
    expect(layer('debian:trixie-slim', '', prefixed).basis).toMatch(/into \/opt\/rust /);
  });

  it('a program nobody downloaded adds nothing by being run', () => {
    const l = layer('debian:trixie-slim', '', './configure --prefix=/usr && ./rustup-init -y');
    expect(l.bytes).toBeLessThan(1e6);
  });
});
