// Cache folders named by the environment: PIP_CACHE_DIR, npm_config_cache, GOMODCACHE, CARGO_HOME...
// A command's cache lives there instead of the tool's default, so a cache mount on that folder (or a
// removal of it) is what keeps the cache out of the layer. Read by the rules and the verifier
// through the effects' `cacheDirs`, so every reader expands the variables the same way.
import type { Effect } from '../../model';
import type { DetectContext, Invocation } from './args';
import { envFlag } from './args';

/** Per tool: a variable naming the cache folder, and the part below it where the cache lies. */
const CACHE_ENV: Record<string, [name: string, below: string][]> = {
  pip: [
    ['PIP_CACHE_DIR', ''],
    ['XDG_CACHE_HOME', '/pip'],
  ],
  uv: [
    ['UV_CACHE_DIR', ''],
    ['XDG_CACHE_HOME', '/uv'],
  ],
  poetry: [
    ['POETRY_CACHE_DIR', ''],
    ['XDG_CACHE_HOME', '/pypoetry'],
  ],
  npm: [
    ['npm_config_cache', ''],
    ['NPM_CONFIG_CACHE', ''],
  ],
  yarn: [['YARN_CACHE_FOLDER', '']],
  pnpm: [
    ['npm_config_store_dir', ''],
    ['PNPM_HOME', '/store'],
  ],
  go: [
    ['GOMODCACHE', ''],
    ['GOPATH', '/pkg/mod'],
    ['GOCACHE', ''],
  ],
  cargo: [['CARGO_HOME', '/registry']],
  composer: [
    ['COMPOSER_CACHE_DIR', ''],
    ['COMPOSER_HOME', '/cache'],
  ],
  gradle: [['GRADLE_USER_HOME', '']],
  dotnet: [['NUGET_PACKAGES', '']],
};

/** The cache folders the environment gives this effect's tool (absolute paths only). */
export function cacheDirsFromEnv(e: Effect, inv: Invocation, ctx: DetectContext): string[] {
  const tool = e.kind === 'package-install' ? e.manager : e.kind === 'build' ? e.tool : null;
  const vars = tool ? CACHE_ENV[tool] : undefined;
  if (!vars) return [];
  const out: string[] = [];
  for (const [name, below] of vars) {
    const v = envFlag(inv, ctx, name);
    if (v && v.startsWith('/') && !v.includes('$')) out.push(v.replace(/(?<!\/)\/+$/, '') + below);
  }
  return out;
}
