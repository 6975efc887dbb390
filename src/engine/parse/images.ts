// Image reference helpers: split `registry/name:tag@digest`, recognise scratch and stage names.

export interface ImageRef {
  /** The reference as given. */
  raw: string;
  /** Registry host (with port) when the first path part looks like one, else null. */
  registry: string | null;
  /** Repository path without registry, e.g. 'library/node' stays 'library/node', 'node' stays 'node'. */
  name: string;
  tag: string | null;
  digest: string | null;
}

/** Splits an image reference. Never throws; odd input gives its best reading. */
export function parseImageRef(raw: string): ImageRef {
  let rest = raw.trim();
  let digest: string | null = null;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1) || null;
    rest = rest.slice(0, at);
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
  let tag: string | null = null;
  const colon = rest.lastIndexOf(':');
  if (colon >= 0 && !rest.slice(colon).includes('/')) {
    tag = rest.slice(colon + 1) || null;
    rest = rest.slice(0, colon);
  }
  return { raw, registry, name: rest, tag, digest };
}

/** The repository name without registry and `library/` prefix, lower-cased: 'node', 'bitnami/redis'. */
export function imageRepository(raw: string): string {
  const ref = parseImageRef(raw);
  let name = ref.name.toLowerCase();
  if (
    name.startsWith('library/') &&
    (ref.registry === null || ref.registry === 'docker.io' || ref.registry === 'index.docker.io')
  ) {
    name = name.slice('library/'.length);
  }
  return name;
}

export function isScratch(raw: string): boolean {
  return raw.trim().toLowerCase() === 'scratch';
}
