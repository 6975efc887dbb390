// What a base image's name says when the catalog has no figure for it: its OS family, its language
// runtime (and the ENV that runtime's official images set), and a generic size for its kind.
import type { OsFamily } from './types';
import { MB } from './heuristics';

export const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

export function guessOs(ref: string): OsFamily {
  const r = ref.toLowerCase();
  if (r === 'scratch') return 'scratch';
  if (/alpine/.test(r)) return 'alpine';
  if (/distroless|chiseled/.test(r)) return 'distroless';
  if (/chainguard|wolfi/.test(r)) return 'wolfi';
  if (/ubuntu|noble|jammy|focal/.test(r)) return 'ubuntu';
  if (/ubi|rocky|alma|centos|fedora|amazonlinux|oraclelinux|rhel/.test(r)) return 'rhel';
  if (/busybox/.test(r)) return 'busybox';
  if (/windows|nanoserver|servercore/.test(r)) return 'windows';
  if (/debian|bookworm|trixie|bullseye|slim/.test(r)) return 'debian';
  return 'unknown';
}

export function guessRuntime(ref: string): string | null {
  const name = ref.toLowerCase().split(/[:@]/)[0].split('/').pop() ?? '';
  if (/^node/.test(name)) return 'node';
  if (/^python|^pypy/.test(name)) return 'python';
  if (/^golang|^go$/.test(name)) return 'go';
  if (/^rust/.test(name)) return 'rust';
  if (/^ruby/.test(name)) return 'ruby';
  if (/^php|composer/.test(name)) return 'php';
  if (/temurin|openjdk|maven|gradle|corretto|java|jdk|jre/.test(name)) return 'java';
  if (/dotnet|aspnet|sdk|runtime/.test(ref)) return 'dotnet';
  return null;
}

/** A generic size for a base the catalog does not know, by what its name suggests. */
export function unknownBaseGuess(ref: string): { bytes: number; what: string } {
  const r = ref.toLowerCase();
  if (/alpine/.test(r)) return { bytes: 60 * MB, what: 'an Alpine-based image' };
  if (/distroless|chiseled|static/.test(r)) return { bytes: 30 * MB, what: 'a distroless-style image' };
  if (/busybox/.test(r)) return { bytes: 4.5 * MB, what: 'a busybox image' };
  if (/nanoserver/.test(r)) return { bytes: 300 * MB, what: 'a Windows Nano Server image' };
  if (/servercore|windows|framework\/(sdk|aspnet|runtime)/.test(r))
    return { bytes: 5 * 1000 * MB, what: 'a Windows Server Core image' };
  if (/slim|minimal|micro/.test(r)) return { bytes: 150 * MB, what: 'a slim image' };
  return { bytes: 250 * MB, what: 'a typical application base image' };
}

export const ENV_DEFAULTS: Record<string, Record<string, string>> = {
  go: { GOPATH: '/go', PATH: '/go/bin:/usr/local/go/bin:' + DEFAULT_PATH },
  rust: {
    CARGO_HOME: '/usr/local/cargo',
    RUSTUP_HOME: '/usr/local/rustup',
    PATH: '/usr/local/cargo/bin:' + DEFAULT_PATH,
  },
  ruby: { GEM_HOME: '/usr/local/bundle', BUNDLE_APP_CONFIG: '/usr/local/bundle' },
};
