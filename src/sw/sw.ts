// The service worker of the playground page (the embed registers none): after the first visit the
// playground works with no network. At install it caches the files of the build (the list is written
// into this file at build end by scripts/vite-plugin-sw.ts: pages, JS, CSS, the workers, the wasm,
// the data and Monaco). How each request is answered is in ./strategy.ts. A new build has a new
// version: its worker installs the new files and, once no page of the old version is open, deletes
// the old cache; until then the old worker also answers from the new cache (see strategy.ts).
//
// Built as a classic script (dist/sw.js), not part of the app bundle.
import { route, respond, CACHE_PREFIX, type Strategy } from './strategy';

declare const __PRECACHE__: string[];
declare const __SW_VERSION__: string;

const sw = self as unknown as ServiceWorkerGlobalScope;
const CACHE = `${CACHE_PREFIX}${__SW_VERSION__}`;
const scope = new URL(sw.registration.scope);
const PRECACHE = __PRECACHE__.map((path) => new URL(path, scope).toString());

const strategy: Strategy = {
  scope: scope.href,
  cacheName: CACHE,
  caches: {
    keys: () => caches.keys(),
    match: async (name, url) => (await caches.open(name)).match(url, { ignoreVary: true }),
  },
  network: (request) => fetch(request),
};

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
        if (key.startsWith(CACHE_PREFIX) && key !== CACHE) await caches.delete(key);
      }
      await sw.clients.claim();
    })(),
  );
});

sw.addEventListener('fetch', (event) => {
  const r = route(strategy, event.request);
  if (r.kind !== 'pass') event.respondWith(respond(strategy, event.request, r));
});
