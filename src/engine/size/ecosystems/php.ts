// Sizing PHP: composer's vendor/ and download cache.
import * as H from '../heuristics';
import { formatBytes } from '../../primitives/bytes';
import { addNew, homeOf } from '../context';
import type { PackageInstall, RunScope } from '../commands/scope';
import type { EcosystemSizing } from '../commands/scope';

export function composerInstall(s: RunScope, e: PackageInstall): void {
  const prod = e.productionOnly;
  const b = prod ? H.COMPOSER_VENDOR_PROD : H.COMPOSER_VENDOR_DEV;
  addNew(
    s.st,
    s.layer,
    'vendor',
    `${s.cwd}/vendor`,
    b,
    'low',
    `composer installs ${prod ? 'the production' : 'all (dev included)'} packages into vendor/ (≈ ${formatBytes(b)}, typical)`,
  );
  if (!e.noCache) {
    const dir = s.st.env.COMPOSER_HOME
      ? `${s.st.env.COMPOSER_HOME}/cache`
      : `${homeOf(s.st)}/.composer/cache`;
    const cb = Math.round(b * H.COMPOSER_CACHE_FRACTION);
    addNew(
      s.st,
      s.layer,
      'composer-cache',
      dir,
      cb,
      'low',
      `composer's download cache (≈ ${formatBytes(cb)}) stays without --no-cache`,
    );
  }
}

export const phpSizing: EcosystemSizing = { install: (s, e) => composerInstall(s, e), builds: {} };
