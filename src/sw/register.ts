// Registers the service worker (dist/sw.js, generated at build end by scripts/vite-plugin-sw.ts) for
// the playground page only, after its first analysis is on screen and the page is idle: its install
// downloads the whole build (Monaco included), which must never compete with the start-up. Not in
// dev mode (the dev server has no sw.js), and not in the embed (a read-only view in someone else's
// page has no business caching 8 MB). The worker's URL and scope are relative to the page, so the
// site works under any subpath.

/** The performance mark the store sets when the first analysis is shown (src/ui/store.svelte.ts). */
export const FIRST_RESULT_MARK = 'first-analysis';

export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const register = () => {
    navigator.serviceWorker.register(new URL('./sw.js', document.baseURI), { scope: './' }).catch(() => {
      // Offline support is a bonus: a failed registration (private mode, file://) changes nothing.
    });
  };
  void afterFirstResult().then(() => whenIdle(register));
}

/** Resolves once the first-analysis mark exists (at once when it already does). */
function afterFirstResult(): Promise<void> {
  return new Promise((resolve) => {
    if (performance.getEntriesByName(FIRST_RESULT_MARK, 'mark').length) return resolve();
    if (typeof PerformanceObserver === 'undefined') {
      addEventListener('load', () => resolve(), { once: true });
      return;
    }
    const observer = new PerformanceObserver((list) => {
      if (!list.getEntriesByName(FIRST_RESULT_MARK).length) return;
      observer.disconnect();
      resolve();
    });
    observer.observe({ type: 'mark', buffered: true });
  });
}

function whenIdle(run: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 10_000 });
  else setTimeout(run, 1000);
}
