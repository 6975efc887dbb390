// The service worker's answers (src/sw/strategy.ts) with fake caches and network: nothing outside a
// build's file list is cached or pinned, a deploy's new files are found in the waiting worker's
// cache, and an offline miss fails at once.
import { describe, expect, it } from 'vitest';
import { CACHE_PREFIX, respond, route, type Strategy } from '../../../src/sw/strategy';

const SCOPE = 'https://example.org/tools/playground/';

function fakeStrategy(cached: Record<string, string[]>, online: boolean) {
  const fetched: string[] = [];
  const strategy: Strategy = {
    scope: SCOPE,
    cacheName: `${CACHE_PREFIX}old`,
    caches: {
      keys: async () => Object.keys(cached),
      match: async (name, url) => (cached[name]?.includes(url) ? new Response(`${name}:${url}`) : undefined),
    },
    network: async (request) => {
      fetched.push(request.url);
      if (!online) throw new TypeError('Failed to fetch');
      return new Response(`network:${request.url}`);
    },
  };
  return { strategy, fetched };
}

function get(url: string, mode: RequestMode = 'same-origin'): Request {
  const request = new Request(url);
  // Node's Request does not take mode 'navigate' in its constructor; the worker sees it on real ones.
  Object.defineProperty(request, 'mode', { value: mode });
  return request;
}

async function answer(strategy: Strategy, request: Request): Promise<string | 'pass'> {
  const r = route(strategy, request);
  if (r.kind === 'pass') return 'pass';
  return (await respond(strategy, request, r)).text();
}

describe('service worker strategy', () => {
  it('other pages of the same scope are left to the network, never served from a cache', async () => {
    const { strategy } = fakeStrategy({ [`${CACHE_PREFIX}old`]: [`${SCOPE}index.html`] }, true);
    expect(await answer(strategy, get(`${SCOPE}blog/post.html`, 'navigate'))).toBe('pass');
    expect(await answer(strategy, get('https://example.org/other/app.js'))).toBe('pass');
    expect(await answer(strategy, get(`${SCOPE}data.json?x=1`))).toBe('pass');
    expect(route(strategy, new Request(`${SCOPE}x`, { method: 'POST' })).kind).toBe('pass');
    // The playground's pages: network first, so a deploy is seen at once.
    expect(await answer(strategy, get(SCOPE, 'navigate'))).toBe(`network:${SCOPE}`);
    // A same-scope file no cache holds goes to the network (and nothing stores it: the fake has no put).
    expect(await answer(strategy, get(`${SCOPE}notes.txt`))).toBe(`network:${SCOPE}notes.txt`);
  });

  it('after a deploy, the old worker finds the new build files in the waiting worker cache, offline', async () => {
    const chunk = `${SCOPE}assets/learn-NEW.js`;
    const { strategy, fetched } = fakeStrategy(
      {
        [`${CACHE_PREFIX}old`]: [`${SCOPE}index.html`, `${SCOPE}assets/learn-OLD.js`],
        [`${CACHE_PREFIX}new`]: [`${SCOPE}index.html`, chunk],
        'someone-else': [`${SCOPE}assets/foreign.js`],
      },
      false,
    );
    expect(await answer(strategy, get(chunk))).toBe(`${CACHE_PREFIX}new:${chunk}`);
    expect(await answer(strategy, get(`${SCOPE}assets/learn-OLD.js`))).toBe(
      `${CACHE_PREFIX}old:${SCOPE}assets/learn-OLD.js`,
    );
    expect(await answer(strategy, get(`${SCOPE}index.html`, 'navigate'))).toBe(
      `${CACHE_PREFIX}old:${SCOPE}index.html`,
    );
    expect(fetched).toEqual([`${SCOPE}index.html`]);
    // Other caches of the origin are not ours: offline, that file fails at once.
    await expect(answer(strategy, get(`${SCOPE}assets/foreign.js`))).rejects.toThrow(/fetch/);
  });

  it('offline with no copy: the request fails at once instead of hanging', async () => {
    const { strategy } = fakeStrategy({ [`${CACHE_PREFIX}old`]: [] }, false);
    const started = Date.now();
    await expect(answer(strategy, get(`${SCOPE}assets/missing.js`))).rejects.toThrow();
    await expect(answer(strategy, get(`${SCOPE}embed.html`, 'navigate'))).rejects.toThrow();
    // "At once": no network wait or retry loop; generous, as timers run late on a busy machine.
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});
