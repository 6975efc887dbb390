// The service worker: after the first visit the playground works with no network. At install it
// caches every file of the build (the list is written into this file at build end by
// scripts/vite-plugin-sw.ts: pages, JS, CSS, the workers, the wasm, the data and Monaco). Pages are
// fetched network-first (a new deploy is seen at once) with the cache as the fallback; hashed assets
// are served cache-first. A new build has a new version: its worker installs the new files and,
// once no page of the old version is open, deletes the old cache.
//
// Built as a classic script (dist/sw.js), not part of the app bundle; no imports.
export {};

declare const __PRECACHE__: string[];
declare const __SW_VERSION__: string;

const sw = self as unknown as ServiceWorkerGlobalScope;
const PREFIX = 'dockerfile-playground-';
const CACHE = `${PREFIX}${__SW_VERSION__}`;
const scope = new URL(sw.registration.scope);
const PRECACHE = __PRECACHE__.map((path) => new URL(path, scope).toString());
const PAGES = new Set(['index.html', 'embed.html']);

sw.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // cache: 'reload' skips the HTTP cache, so a stale copy never lands in the offline cache.
      await cache.addAll(PRECACHE.map((url) => new Request(url, { cache: 'reload' })));
      // No skipWaiting(): a new version waits until no page of the old one is open, so an open page
      // never loses the old lazy chunks (Monaco) it may still import. The first install activates
      // at once and claims the page.
    })(),
  );
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key.startsWith(PREFIX) && key !== CACHE) await caches.delete(key);
      }
      await sw.clients.claim();
    })(),
  );
});

/** The cached page for a navigation: '/' and '/?x' are index.html; query strings are ignored. */
function pageKey(url: URL): string | null {
  if (!url.href.startsWith(scope.href)) return null;
  const rest = url.pathname.slice(scope.pathname.length);
  const name = rest === '' ? 'index.html' : rest;
  return PAGES.has(name) ? new URL(name, scope).toString() : null;
}

sw.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== scope.origin || !url.href.startsWith(scope.href)) return;

  const page = request.mode === 'navigate' ? pageKey(url) : null;
  if (page) {
    event.respondWith(
      (async () => {
        try {
          return await fetch(request);
        } catch (error) {
          const cached = await caches.match(page, { cacheName: CACHE });
          if (cached) return cached;
          throw error;
        }
      })(),
    );
    return;
  }

  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      const cached = await cache.match(request, { ignoreVary: true });
      if (cached) return cached;
      const response = await fetch(request);
      // Same-origin files missing from the list (added after the build) are kept too.
      if (response.ok && response.type === 'basic' && !url.search) {
        await cache.put(request, response.clone()).catch(() => {});
      }
      return response;
    })(),
  );
});
