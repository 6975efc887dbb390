// What the service worker does with one request, apart from the worker's globals (unit-tested with
// fake caches in tests/unit/sw/strategy.test.ts):
// - the caches only ever hold the files of a build's list (stored at install, never at run time):
//   any other URL in the scope (another page of the same site, a file added later) goes to the
//   network untouched and is never stored, so nothing outside the build is pinned;
// - the two pages are fetched network-first (a deploy is seen at once), the cached copy when
//   offline; hashed files are served from the cache;
// - a file missing from this version's cache is looked up in the other caches of the playground:
//   after a deploy, a page of the new build running under the old worker (the new one waits until
//   old pages close) finds the new chunks in the new worker's cache, also offline;
// - without network and without a copy, the request fails at once (never a pending promise).

export const CACHE_PREFIX = 'dockerfile-playground-';
export const PAGES = ['index.html', 'embed.html'];

/** The part of the CacheStorage API used here. */
export interface CacheLookup {
  keys(): Promise<string[]>;
  /** The cached response for a URL in one named cache. */
  match(cacheName: string, url: string): Promise<Response | undefined>;
}

export interface Strategy {
  /** The scope, ending in '/'. */
  scope: string;
  /** This version's cache. */
  cacheName: string;
  caches: CacheLookup;
  network(request: Request): Promise<Response>;
}

export type Route = { kind: 'pass' } | { kind: 'page'; key: string } | { kind: 'file'; key: string };

/** How a GET request is handled. */
export function route(s: Strategy, request: Request): Route {
  if (request.method !== 'GET' || !request.url.startsWith(s.scope)) return { kind: 'pass' };
  const url = new URL(request.url);
  if (request.mode === 'navigate') {
    const rest = url.pathname.slice(new URL(s.scope).pathname.length);
    const name = rest === '' ? 'index.html' : rest;
    return PAGES.includes(name) ? { kind: 'page', key: new URL(name, s.scope).href } : { kind: 'pass' };
  }
  return url.search ? { kind: 'pass' } : { kind: 'file', key: url.href.replace(/#.*$/, '') };
}

/** The answer for a routed request (not called for 'pass'). */
export async function respond(s: Strategy, request: Request, r: Route): Promise<Response> {
  if (r.kind === 'page') {
    try {
      return await s.network(request);
    } catch (error) {
      const cached = await cachedCopy(s, r.key);
      if (cached) return cached;
      throw error;
    }
  }
  if (r.kind === 'pass') return s.network(request);
  return (await cachedCopy(s, r.key)) ?? s.network(request);
}

/** This version's copy, else one from another playground cache (a newer or older version). */
export async function cachedCopy(s: Strategy, key: string): Promise<Response | undefined> {
  const own = await s.caches.match(s.cacheName, key);
  if (own) return own;
  for (const name of await s.caches.keys()) {
    if (name === s.cacheName || !name.startsWith(CACHE_PREFIX)) continue;
    const other = await s.caches.match(name, key);
    if (other) return other;
  }
  return undefined;
}
