// Sizing native builds: make, cmake, gcc and ninja output, and `make install`.
import * as H from '../heuristics';
import { makeItem } from '../ledger';
import { formatBytes } from '../../primitives/bytes';
import { addItem } from '../context';
import type { Build, RunScope } from '../commands/scope';
import type { EcosystemSizing } from '../commands/scope';

export function nativeBuild(s: RunScope, e: Build, args: string[], out: string | null): void {
  const args2 = args.join(' ');
  if (/\binstall\b/.test(args2) && s.unpacked?.builtInstall) {
    const b = s.unpacked.builtInstall;
    addItem(
      s.st,
      s.layer,
      makeItem(
        'toolchain',
        '/usr/local',
        b,
        'medium',
        `make install of the ${s.unpacked.name} tree adds ≈ ${formatBytes(b)} to /usr/local (the catalog's image built this way)`,
      ),
    );
    return;
  }
  if (/\binstall\b/.test(args2)) {
    addItem(
      s.st,
      s.layer,
      makeItem(
        'build-output',
        '/usr/local',
        H.MAKE_OUTPUT / 2,
        'low',
        `make install copies the build into /usr/local (≈ ${formatBytes(H.MAKE_OUTPUT / 2)}, unknown project)`,
      ),
    );
    return;
  }
  addItem(
    s.st,
    s.layer,
    makeItem(
      'build-output',
      out ?? s.cwd + '/*',
      H.MAKE_OUTPUT,
      'low',
      `${e.tool} leaves objects and binaries (≈ ${formatBytes(H.MAKE_OUTPUT)}, unknown project)`,
    ),
  );
}

export const cppSizing: EcosystemSizing = {
  install: null,
  builds: { make: nativeBuild, cmake: nativeBuild, gcc: nativeBuild, ninja: nativeBuild },
};
