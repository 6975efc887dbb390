// The ecosystems, in one list: every package manager family the engine knows, and the queries the
// parser, the size model, the rules and the rewriter ask of them. Adding a package manager means
// one new module here (see types.ts for what it describes) plus its sizing in size/ecosystems/.
import type { PackageManager } from '../model';
import type { CacheFolder, CacheMount, Ecosystem, EcosystemId } from './types';
import { debian } from './debian';
import { alpine } from './alpine';
import { rpm } from './rpm';
import { python } from './python';
import { go } from './go';
import { node } from './node';
import { rust } from './rust';
import { java } from './java';
import { php } from './php';
import { dotnet } from './dotnet';
import { ruby } from './ruby';
import { cpp } from './cpp';

export type { CacheFolder, CacheMount, Ecosystem, EcosystemId } from './types';

/** Every ecosystem. The order is the order in which cache folders are matched (first match wins). */
export const ECOSYSTEMS: readonly Ecosystem[] = [
  debian,
  alpine,
  rpm,
  python,
  go,
  node,
  rust,
  java,
  php,
  dotnet,
  ruby,
  cpp,
];

/** Caches of no particular tool: the user's ~/.cache and the temporary folders. */
const GENERIC_CACHES: readonly CacheFolder[] = [
  {
    cache: 'user-cache',
    paths: /^\/root\/\.cache(\/\*)?$|^\/home\/[^/]+\/\.cache(\/\*)?$/,
    kinds: [],
    what: 'user-cache',
  },
  { cache: 'tmp', paths: /^\/(var\/)?tmp(\/|$)/, kinds: [], what: '/tmp' },
];

/** Every cache folder, ecosystems first, the generic ones last. */
export const CACHE_FOLDERS: readonly CacheFolder[] = [
  ...ECOSYSTEMS.flatMap((e) => e.caches),
  ...GENERIC_CACHES,
];

const BY_ID = new Map(ECOSYSTEMS.map((e) => [e.id, e]));
const BY_MANAGER = new Map<string, Ecosystem>(
  ECOSYSTEMS.flatMap((e) => e.managers.map((m) => [m, e] as const)),
);
const BY_BUILD_TOOL = new Map<string, Ecosystem>(
  ECOSYSTEMS.flatMap((e) => e.buildTools.map((t) => [t, e] as const)),
);
const BY_CACHE = new Map<string, CacheFolder>();
for (const c of CACHE_FOLDERS) if (!BY_CACHE.has(c.cache)) BY_CACHE.set(c.cache, c);
const MOUNTS = new Map<string, CacheMount>(ECOSYSTEMS.flatMap((e) => Object.entries(e.cacheMounts)));

export function ecosystem(id: EcosystemId): Ecosystem {
  return BY_ID.get(id)!;
}

/** The ecosystem a package manager belongs to (null for none). */
export function ecosystemOfManager(manager: PackageManager): Ecosystem | null {
  return BY_MANAGER.get(manager) ?? null;
}

/** The ecosystem a build tool belongs to ('go', 'npm-script', 'maven'; null for others). */
export function ecosystemOfBuildTool(tool: string): Ecosystem | null {
  return BY_BUILD_TOOL.get(tool) ?? null;
}

/** Which cache a path belongs to ('apt-lists', 'pip', 'tmp', ...), or null for other paths. */
export function cacheOfPath(path: string): string | null {
  for (const c of CACHE_FOLDERS) if (c.paths?.test(path)) return c.cache;
  return null;
}

/** A cache by the name `cache-clean` effects use; null for a name no ecosystem knows. */
export function cacheFolder(name: string): CacheFolder | null {
  return BY_CACHE.get(name) ?? null;
}

/** The cache mount for a manager or a build cache ('go-build', 'cargo-build'); null when none. */
export function cacheMountFor(key: string): CacheMount | null {
  return MOUNTS.get(key) ?? null;
}

/** The files to COPY before a manager's install so that layer stays cached; null when unknown. */
export function copyFirstFor(manager: PackageManager): readonly string[] | null {
  return ecosystemOfManager(manager)?.copyFirst[manager] ?? null;
}

/** The lockfile names of every ecosystem. */
export const LOCKFILES: ReadonlySet<string> = new Set(ECOSYSTEMS.flatMap((e) => e.lockfiles));
