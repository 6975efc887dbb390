// The one image-reference parser: split `registry/name:tag@digest`, recognise Docker Hub under all
// its spellings, scratch and stage names. Sizes, rules and rewrites all read references through it.

export interface ImageRef {
  /** The reference as given. */
  raw: string;
  /** Registry host (with port) when the first path part looks like one, else null. */
  registry: string | null;
  /** Repository path without registry, e.g. 'library/node' stays 'library/node', 'node' stays 'node'. */
  name: string;
  tag: string | null;
  digest: string | null;
  /** True when the registry is Docker Hub (any of its host names) or none is written. */
  dockerHub: boolean;
  /**
   * The repository as a catalog names it, lower-cased: Docker Hub hosts and `library/` removed
   * ('docker.io/library/node' → 'node', 'registry-1.docker.io/bitnami/redis' → 'bitnami/redis');
   * other registries keep their host ('gcr.io/distroless/static').
   */
  repository: string;
}

/** Host names that all mean Docker Hub. */
const DOCKER_HUB_HOSTS = new Set([
  'docker.io',
  'index.docker.io',
  'registry-1.docker.io',
  'registry.docker.com',
  'registry.hub.docker.com',
  'hub.docker.com',
]);

/**
 * Public mirrors that serve the Docker Official Images under the same names and tags (same
 * images, so the same sizes); their prefix is removed from `repository` too.
 */
const OFFICIAL_MIRRORS = ['public.ecr.aws/docker/library/', 'mirror.gcr.io/library/', 'mirror.gcr.io/'];

/** Splits an image reference. Never throws; odd input gives its best reading. */
export function parseImageRef(raw: string): ImageRef {
  let rest = raw.trim();
  let digest: string | null = null;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1) || null;
    rest = rest.slice(0, at);
  }
  let tag: string | null = null;
  const colon = rest.lastIndexOf(':');
  if (colon >= 0 && !rest.slice(colon).includes('/')) {
    tag = rest.slice(colon + 1) || null;
    rest = rest.slice(0, colon);
  }
  let registry: string | null = null;
  const slash = rest.indexOf('/');
  if (slash > 0) {
    const first = rest.slice(0, slash);
    if (first.includes('.') || first.includes(':') || first === 'localhost') {
      registry = first;
      rest = rest.slice(slash + 1);
    }
  }
  const host = registry?.toLowerCase() ?? null;
  const dockerHub = host === null || DOCKER_HUB_HOSTS.has(host);
  let repository = (dockerHub ? rest : `${host}/${rest}`).toLowerCase();
  for (const m of OFFICIAL_MIRRORS)
    if (repository.startsWith(m)) {
      repository = repository.slice(m.length);
      break;
    }
  if (repository.startsWith('library/')) repository = repository.slice('library/'.length);
  return { raw, registry, name: rest, tag, digest, dockerHub, repository };
}

/** The repository name without registry and `library/` prefix, lower-cased: 'node', 'bitnami/redis'. */
export function imageRepository(raw: string): string {
  return parseImageRef(raw).repository;
}

export function isScratch(raw: string): boolean {
  return raw.trim().toLowerCase() === 'scratch';
}
