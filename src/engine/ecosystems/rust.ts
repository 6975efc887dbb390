// Rust: cargo's registry and the target/ folder.
import { defineEcosystem } from './types';

const REGISTRY = {
  target: '/usr/local/cargo/registry',
  also: ['/root/.cargo/registry', '/root/.cargo'],
  hadolint: 'DL3069',
};

export const rust = defineEcosystem({
  id: 'rust',
  title: 'Rust (cargo)',
  kind: 'language',
  managers: ['cargo'],
  buildTools: ['cargo'],
  manifests: ['Cargo.toml'],
  lockfiles: ['Cargo.lock'],
  copyFirst: {},
  caches: [
    {
      cache: 'cargo',
      paths: /\/\.cargo\/registry(\/|$)|\/\.cargo\/git(\/|$)|^\/usr\/local\/cargo\/(registry|git)(\/|$)/,
      kinds: ['cargo-registry'],
      what: "cargo's registry",
    },
  ],
  cacheMounts: { cargo: REGISTRY, 'cargo-build': REGISTRY },
  outputs: ['target'],
  dockerignore: ['# Build output (rebuilt inside the image)', 'target'],
  runtimeImages: ['gcr.io/distroless/cc-debian12', 'debian:bookworm-slim'],
  signs: { programs: ['cargo', 'rustc'], images: /(^|[/ ])rust[:@ ]|(^|[/ ])rust$/ },
});
