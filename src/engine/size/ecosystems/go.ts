// Sizing Go: the module and build caches, `go install` and `go build`.
import * as H from '../heuristics';
import { dirname } from '../ledger';
import { formatBytes } from '../../primitives/bytes';
import { addNew, homeOf } from '../context';
import type { Build, PackageInstall, RunScope } from '../commands/scope';
import { hasLive } from '../commands/scope';
import { listNames } from './os';
import type { EcosystemSizing } from '../commands/scope';

function gopath(s: RunScope): string {
  if (s.st.env.GOPATH) return s.st.env.GOPATH.split(':')[0];
  if (s.st.runtime === 'go' || s.st.runtime === 'golang') return '/go';
  return `${homeOf(s.st)}/go`;
}

function goModCache(s: RunScope, why: string): void {
  if (hasLive(s, 'go-mod-cache')) return;
  const dir = s.st.env.GOMODCACHE ?? `${gopath(s)}/pkg/mod`;
  addNew(
    s.st,
    s.layer,
    'go-mod-cache',
    dir,
    H.GO_MOD_CACHE,
    'low',
    `${why} fills the module cache ${dir} (≈ ${formatBytes(H.GO_MOD_CACHE)}, a typical service's dependencies)`,
  );
}

export function goInstall(s: RunScope, e: PackageInstall): void {
  const names = e.packages.map((p) => p.name).filter((n) => n && !n.startsWith('-'));
  if (e.verb === 'install' && names.length) {
    const bin = `${gopath(s)}/bin/*`;
    const b = names.length * H.GO_BINARY;
    addNew(
      s.st,
      s.layer,
      'binary',
      bin,
      b,
      'low',
      `go install builds ${listNames(names, 0)} into ${dirname(bin)} (≈ ${formatBytes(b)}, a typical Go binary)`,
      { file: true },
    );
    goModCache(s, 'go install');
    goBuildCache(s, 0.3);
    return;
  }
  goModCache(s, `go ${e.verb ?? 'mod download'}`);
}

function goBuildCache(s: RunScope, fraction: number): void {
  const dir = s.st.env.GOCACHE ?? `${homeOf(s.st)}/.cache/go-build`;
  if (s.st.env.GOCACHE === 'off') return;
  const existing = hasLive(s, 'go-build-cache');
  const b = Math.round(H.GO_BUILD_CACHE * (existing ? 0.1 : fraction));
  addNew(
    s.st,
    s.layer,
    'go-build-cache',
    dir,
    b,
    'low',
    `the Go build cache ${dir.replace(homeOf(s.st), '~')} keeps compiled packages (≈ ${formatBytes(b)}, typical${existing ? ', increment' : ''})`,
  );
}

export function goBuild(s: RunScope, e: Build, args: string[], out: string | null): void {
  const text = args.join(' ');
  const stripped = /-ldflags(?:[= ]*["'])?[^"']*-(s|w)\b/.test(text) || /-s\s+-w|-w\s+-s/.test(text);
  const b = Math.round(H.GO_BINARY * (stripped ? H.GO_STRIP_FACTOR : 1));
  const path = out ?? `${s.cwd}/*`;
  addNew(
    s.st,
    s.layer,
    'binary',
    path,
    b,
    'low',
    `go build writes a binary to ${path.replace(/\/\*$/, '/')} (≈ ${formatBytes(b)}: a typical service${stripped ? ', -s -w strips ≈30%' : ''})`,
    { file: true },
  );
  // Cache mounts (applyMounts) take these back out of the layer.
  goModCache(s, 'go build');
  goBuildCache(s, 1);
}

export const goSizing: EcosystemSizing = { install: (s, e) => goInstall(s, e), builds: { go: goBuild } };
