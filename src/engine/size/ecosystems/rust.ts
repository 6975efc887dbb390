// Sizing Rust: cargo's registry, `cargo install` and `cargo build` (target/ and the binary).
import * as H from '../heuristics';
import { resolvePath } from '../ledger';
import { formatBytes } from '../../primitives/bytes';
import { addNew, homeOf } from '../context';
import type { Build, PackageInstall, RunScope } from '../commands/scope';
import { hasLive } from '../commands/scope';
import { listNames } from './os';
import type { EcosystemSizing } from '../commands/scope';
import { argValue, envOf } from '../commands/scope';
import type { ShellCommand } from '../../model';

function cargoHome(s: RunScope, cmd: ShellCommand | null = null): string {
  const set = envOf(s, 'CARGO_HOME', cmd);
  if (set) return set;
  if (s.st.runtime === 'rust') return '/usr/local/cargo';
  return `${homeOf(s.st)}/.cargo`;
}

/**
 * `rustup-init` run: the Rust toolchain of the chosen profile, in $RUSTUP_HOME with rustup's
 * command proxies in $CARGO_HOME/bin (one item: the published figures cover both).
 */
export function rustupInit(s: RunScope, args: string[], cmd: ShellCommand | null): void {
  const profile = argValue(args, ['--profile']) ?? 'default';
  const minimal = H.RUST_MINIMAL_TOOLCHAIN[s.st.os.family === 'alpine' ? 'musl' : 'glibc'];
  const bytes = profile === 'minimal' ? minimal : Math.max(minimal, H.RUST_DEFAULT_TOOLCHAIN);
  const home = envOf(s, 'RUSTUP_HOME', cmd) ?? `${homeOf(s.st)}/.rustup`;
  addNew(
    s.st,
    s.layer,
    'toolchain',
    home,
    bytes,
    'medium',
    `rustup-init installs the Rust toolchain (${profile} profile) into ${home} and ${cargoHome(s, cmd)}/bin (≈ ${formatBytes(bytes)})`,
  );
}

function cargoRegistry(s: RunScope): void {
  if (hasLive(s, 'cargo-registry')) return;
  const dir = `${cargoHome(s)}/registry`;
  addNew(
    s.st,
    s.layer,
    'cargo-registry',
    dir,
    H.CARGO_REGISTRY,
    'low',
    `cargo downloads the crates index and sources into ${dir} (≈ ${formatBytes(H.CARGO_REGISTRY)}, typical)`,
  );
}

export function cargoInstall(s: RunScope, e: PackageInstall): void {
  const names = e.packages.map((p) => p.name).filter((n) => n && !n.startsWith('-'));
  cargoRegistry(s);
  if (e.verb === 'install') {
    const b = Math.max(1, names.length) * 10 * H.MB;
    addNew(
      s.st,
      s.layer,
      'binary',
      `${cargoHome(s)}/bin/*`,
      b,
      'low',
      `cargo install builds ${names.length ? listNames(names, 0) : 'a crate'} (≈ ${formatBytes(b)}; its temporary target folder is deleted by cargo)`,
      { file: true },
    );
  }
}

export function cargoBuild(s: RunScope, e: Build, args: string[], out: string | null): void {
  const home = homeOf(s.st);
  const release =
    args.includes('--release') || args.includes('-r') || args.some((a) => a.startsWith('--profile'));
  // --target-dir wins over CARGO_TARGET_DIR, which wins over ./target.
  const dir = argValue(args, ['--target-dir']) ?? s.st.env.CARGO_TARGET_DIR;
  const targetDir = dir ? resolvePath(s.cwd, dir, home) : `${s.cwd}/target`;
  const tb = release ? H.CARGO_TARGET_RELEASE : H.CARGO_TARGET_DEBUG;
  cargoRegistry(s);
  addNew(
    s.st,
    s.layer,
    'cargo-target',
    targetDir,
    tb,
    'low',
    `cargo build leaves ${targetDir} with every dependency compiled (≈ ${formatBytes(tb)}, typical ${release ? 'release' : 'debug'} build)`,
  );
  const bin = release ? H.RUST_BINARY : H.RUST_BINARY * 3;
  addNew(
    s.st,
    s.layer,
    'binary',
    `${targetDir}/${release ? 'release' : 'debug'}/*`,
    bin,
    'low',
    `the ${release ? 'release' : 'debug'} binary (≈ ${formatBytes(bin)}, typical)`,
    { file: true },
  );
}

export const rustSizing: EcosystemSizing = {
  install: (s, e) => cargoInstall(s, e),
  builds: { cargo: cargoBuild },
};
