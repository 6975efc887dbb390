// What an ecosystem module describes: one package manager family's knowledge in one place, read by
// the parser (cache folders), the size model (caches, outputs), the rules (cache mounts, manifests
// to copy first) and the rewriter (.dockerignore entries, runtime images).
// The ids and manager names are type parameters so that ecosystems/index.ts derives the
// `EcosystemId` and `PackageManager` unions from the modules themselves.
import type { ContentKind } from '../size/ratios';

/** A download or build cache the ecosystem's tools leave behind. */
export interface CacheFolder {
  /** The name the parser's `cache-clean` effects and the size model use ('pip', 'apt-lists'). */
  cache: string;
  /** Folders that belong to this cache (tested against absolute paths, `~` already expanded). */
  paths: RegExp | null;
  /** The size model's content kinds this cache holds (what a cleanup of it removes). */
  kinds: readonly ContentKind[];
  /** How explanations name it ("pip's cache"). */
  what: string;
}

/** Where a BuildKit cache mount keeps a tool's downloads between builds. */
export interface CacheMount {
  /** The usual target: what the fix mounts. */
  target: string;
  /** Other targets that count as a cache mount for this tool. */
  also: readonly string[];
  /** The hadolint rule that asks for this mount, if any. */
  hadolint: string | null;
}

export interface EcosystemSpec<Id extends string = string, Manager extends string = string> {
  id: Id;
  /** A heading for people: 'Node.js (npm, yarn, pnpm, bun)'. */
  title: string;
  /** 'os' for a distribution's package manager (its packages ship with the image's OS). */
  kind: 'os' | 'language';
  /** The package managers whose `package-install` effects belong here. */
  managers: readonly Manager[];
  /** The tools whose `build` effects belong here ('go', 'npm-script', 'maven'). */
  buildTools: readonly string[];
  /** Files that declare the dependencies. */
  manifests: readonly string[];
  /** Files that pin them. */
  lockfiles: readonly string[];
  /** Per manager: the files to COPY before the install so the install layer stays cached. */
  copyFirst: Partial<Record<Manager, readonly string[]>>;
  caches: readonly CacheFolder[];
  /** Per manager or build tool ('go-build', 'cargo-build'): the cache mount that keeps it. */
  cacheMounts: Readonly<Record<string, CacheMount>>;
  /** Folders the install or the build writes into the project (node_modules, target, dist). */
  outputs: readonly string[];
  /**
   * Entries for a suggested .dockerignore (comments start with '#'); empty for OS ecosystems.
   * Folders that never hold sources (node_modules, __pycache__) are written with a leading `**` segment so they
   * are excluded at any depth, as in a monorepo or a `COPY web/ .`; build outputs stay at the root.
   */
  dockerignore: readonly string[];
  /** Slim images the app can run on once built (first is the rewriter's usual choice). */
  runtimeImages: readonly string[];
  /**
   * What reveals a language ecosystem in a Dockerfile: programs its RUNs call (basenames) and base
   * images (tested against the space-joined FROM references). `onlyAlone`: counts only when no
   * other language shows (make and gcc appear in every ecosystem's builds).
   */
  signs?: { programs: readonly string[]; images: RegExp; onlyAlone?: boolean };
}

/** Declares an ecosystem module, keeping its id and manager names as literal types. */
export function defineEcosystem<const Id extends string, const Manager extends string = never>(
  spec: EcosystemSpec<Id, Manager>,
): EcosystemSpec<Id, Manager> {
  return spec;
}
