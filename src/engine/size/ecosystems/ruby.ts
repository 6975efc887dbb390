// Sizing Ruby: gems installed by bundler or gem, and the .gem cache.
import * as H from '../heuristics';
import { formatBytes } from '../../primitives/bytes';
import { addNew } from '../context';
import type { PackageInstall, RunScope } from '../commands/scope';
import { listNames } from './os';
import type { EcosystemSizing } from '../commands/scope';

export function gemInstall(s: RunScope, e: PackageInstall): void {
  const names = e.packages.map((p) => p.name).filter((n) => n && !n.startsWith('-'));
  const home =
    s.st.env.GEM_HOME ??
    s.st.env.BUNDLE_PATH ??
    (s.st.runtime === 'ruby' ? '/usr/local/bundle' : '/var/lib/gems');
  const b = e.manager === 'bundler' || e.fromManifest ? H.GEMS_BYTES : Math.max(1, names.length) * 5 * H.MB;
  addNew(
    s.st,
    s.layer,
    'vendor',
    `${home}/gems`,
    b,
    'low',
    `${e.manager === 'bundler' ? 'bundle install' : 'gem install'} adds ${e.manager === 'bundler' ? "the Gemfile's gems" : listNames(names, 0)} (≈ ${formatBytes(b)}, typical)`,
  );
  const cb = Math.round(b * H.GEM_CACHE_FRACTION);
  addNew(
    s.st,
    s.layer,
    'gem-cache',
    `${home}/cache`,
    cb,
    'low',
    `the .gem files kept in ${home}/cache (≈ ${formatBytes(cb)})`,
  );
}

export const rubySizing: EcosystemSizing = { install: (s, e) => gemInstall(s, e), builds: {} };
