// Registers the service worker (dist/sw.js, generated at build end by scripts/vite-plugin-sw.ts)
// after the page has loaded, so it never competes with the first paint. Not in dev mode: the dev
// server has no sw.js and its modules change on every edit.
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const register = () => {
    navigator.serviceWorker.register(new URL('./sw.js', document.baseURI), { scope: './' }).catch(() => {
      // Offline support is a bonus: a failed registration (private mode, file://) changes nothing.
    });
  };
  if (document.readyState === 'complete') register();
  else addEventListener('load', register, { once: true });
}
