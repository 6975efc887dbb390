// Sizing native builds: make, cmake, gcc and ninja output, and `make install`.
import * as H from '../heuristics';
import { resolvePath } from '../ledger';
import { formatBytes } from '../../primitives/bytes';
import { addNew, homeOf } from '../context';
import type { Build, RunScope } from '../commands/scope';
import { argValue } from '../commands/scope';

/**
 * Where `make install` puts the build: under DESTDIR (a staging root) when set, at the prefix
 * given to make (PREFIX=, prefix=, --prefix) or to ./configure in the same RUN, else /usr/local.
 */
export function installRoot(s: RunScope, e: Build, args: string[]): string {
  const home = homeOf(s.st);
  const prefix = argValue(args, ['PREFIX=', 'prefix=', '--prefix']) ?? e.configurePrefix ?? '/usr/local';
  const root = resolvePath(s.cwd, prefix, home);
  const destdir = argValue(args, ['DESTDIR=']);
  return destdir ? resolvePath(s.cwd, destdir, home).replace(/\/$/, '') + root : root;
}
import type { EcosystemSizing } from '../commands/scope';

export function nativeBuild(s: RunScope, e: Build, args: string[], out: string | null): void {
  const args2 = args.join(' ');
  const root = /\binstall\b/.test(args2) ? installRoot(s, e, args) : '/usr/local';
  if (/\binstall\b/.test(args2) && s.unpacked?.builtInstall) {
    const b = s.unpacked.builtInstall;
    addNew(
      s.st,
      s.layer,
      'toolchain',
      root,
      b,
      'medium',
      `make install of the ${s.unpacked.name} tree adds ≈ ${formatBytes(b)} to ${root} (the catalog's image built this way)`,
      s.unpacked.builtRatio ? { compressedBytes: Math.round(b / s.unpacked.builtRatio) } : {},
    );
    return;
  }
  if (/\binstall\b/.test(args2)) {
    addNew(
      s.st,
      s.layer,
      'build-output',
      root,
      H.MAKE_OUTPUT / 2,
      'low',
      `make install copies the build into ${root} (≈ ${formatBytes(H.MAKE_OUTPUT / 2)}, unknown project)`,
    );
    return;
  }
  addNew(
    s.st,
    s.layer,
    'build-output',
    out ?? s.cwd + '/*',
    H.MAKE_OUTPUT,
    'low',
    `${e.tool} leaves objects and binaries (≈ ${formatBytes(H.MAKE_OUTPUT)}, unknown project)`,
  );
}

export const cppSizing: EcosystemSizing = {
  install: null,
  builds: { make: nativeBuild, cmake: nativeBuild, gcc: nativeBuild, ninja: nativeBuild },
};
