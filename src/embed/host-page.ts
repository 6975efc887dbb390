// What the embed learns from the page around it: the system's colour scheme, a theme the host sets
// live ({ type: 'dockerfile-playground:theme', theme }), and when the embed scrolls into view (embeds
// further down a long page wait before starting their worker). Each returns its cleanup.

export const THEME_MESSAGE = 'dockerfile-playground:theme';

export function watchSystemDark(set: (dark: boolean) => void): () => void {
  if (typeof matchMedia !== 'function') return () => {};
  const query = matchMedia('(prefers-color-scheme: dark)');
  set(query.matches);
  const onChange = (e: MediaQueryListEvent) => set(e.matches);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

/** The host's theme: 'light' or 'dark', or null (back to the embed's own) for anything else. */
export function listenForHostTheme(set: (theme: 'light' | 'dark' | null) => void): () => void {
  const onMessage = (event: MessageEvent) => {
    const data = event.data as { type?: unknown; theme?: unknown } | null;
    if (event.source !== window.parent || !data || data.type !== THEME_MESSAGE) return;
    set(data.theme === 'light' || data.theme === 'dark' ? data.theme : null);
  };
  addEventListener('message', onMessage);
  return () => removeEventListener('message', onMessage);
}

/** Calls `start` once, when `element` is first in view (at once where IntersectionObserver is missing). */
export function whenVisible(element: Element, start: () => void): () => void {
  if (typeof IntersectionObserver !== 'function') {
    start();
    return () => {};
  }
  const io = new IntersectionObserver((entries) => {
    if (entries.some((e) => e.isIntersecting)) {
      io.disconnect();
      start();
    }
  });
  io.observe(element);
  return () => io.disconnect();
}
