// The ecosystems, in one list: every package manager family the engine knows, and the queries the
// parser, the size model, the rules and the rewriter ask of them. Adding a package manager means
// one new module here (see types.ts for what it describes) plus its sizing in size/ecosystems/.
// The `EcosystemId` and `PackageManager` unions and `OS_MANAGERS` come from the modules.
import type { DockerfileModel } from '../model';
import type { CacheFolder, CacheMount, EcosystemSpec } from './types';
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

export type { CacheFolder, CacheMount, EcosystemSpec } from './types';
export { defineEcosystem } from './types';

const MODULES = [debian, alpine, rpm, python, go, node, rust, java, php, dotnet, ruby, cpp] as const;

export type EcosystemId = (typeof MODULES)[number]['id'];
export type PackageManager = (typeof MODULES)[number]['managers'][number];
export type Ecosystem = EcosystemSpec<EcosystemId, PackageManager>;

/** Every ecosystem. The order is the order in which cache folders are matched (first match wins). */
export const ECOSYSTEMS: readonly Ecosystem[] = MODULES;

/** The managers of the distributions' OS packages (apt, apk, dnf, ...). */
export const OS_MANAGERS: ReadonlySet<PackageManager> = new Set(
  ECOSYSTEMS.filter((e) => e.kind === 'os').flatMap((e) => e.managers),
);

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

/** Every ecosystem's manifest and lockfile names as one pattern ('*.csproj' as a glob). */
const MANIFEST_NAMES = new RegExp(
  `^(${ECOSYSTEMS.flatMap((e) => [...e.manifests, ...e.lockfiles])
    .map((n) => n.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*'))
    .join('|')})$`,
  'i',
);

/** Whether a file name is a manifest or lockfile of some ecosystem (case-insensitive). */
export function isManifestName(name: string): boolean {
  return MANIFEST_NAMES.test(name);
}

/** A language ecosystem a Dockerfile reveals, or 'other' when it reveals none. */
export type DetectedEcosystem = Exclude<EcosystemId, 'debian' | 'alpine' | 'rpm'> | 'other';

/** The order in which a file's ecosystems are listed (the first is the one the rewrite leads with). */
const DETECTION_ORDER = ['go', 'rust', 'java', 'dotnet', 'node', 'python', 'php', 'ruby', 'cpp'] as const;

/** The ecosystems from base images and the commands the RUNs run (each module's `signs`). */
export function detectEcosystems(model: DockerfileModel): DetectedEcosystem[] {
  const images = model.stages.map((s) => (s.from.resolvedImage ?? s.from.image).toLowerCase()).join(' ');
  const programs = new Set<string>();
  for (const i of model.instructions) {
    const shell = (i as { shell?: { commands: { name: string }[] } | null }).shell;
    for (const c of shell?.commands ?? []) programs.add(c.name.slice(c.name.lastIndexOf('/') + 1));
  }
  const shows = (id: (typeof DETECTION_ORDER)[number]) => {
    const signs = ecosystem(id).signs;
    return !!signs && (signs.programs.some((p) => programs.has(p)) || signs.images.test(images));
  };
  const out: DetectedEcosystem[] = DETECTION_ORDER.filter(
    (id) => !ecosystem(id).signs?.onlyAlone && shows(id),
  );
  if (!out.length) out.push(...DETECTION_ORDER.filter((id) => ecosystem(id).signs?.onlyAlone && shows(id)));
  return out.length ? out : ['other'];
}
