// The embed's view of the page around it (src/embed/host-page.ts): the host's live theme message,
// the system colour scheme, and starting work only once the embed is in view.
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  listenForHostTheme,
  THEME_MESSAGE,
  watchSystemDark,
  whenVisible,
} from '../../../src/embed/host-page';

afterEach(() => vi.unstubAllGlobals());

/** A window whose message listeners the test calls directly. */
function fakeWindow() {
  const parent = {};
  const listeners = new Set<(event: MessageEvent) => void>();
  vi.stubGlobal('window', { parent });
  vi.stubGlobal('addEventListener', (_type: string, fn: (event: MessageEvent) => void) => listeners.add(fn));
  vi.stubGlobal('removeEventListener', (_type: string, fn: (event: MessageEvent) => void) =>
    listeners.delete(fn),
  );
  const post = (data: unknown, source: unknown = parent) => {
    for (const fn of listeners) fn({ data, source } as MessageEvent);
  };
  return { post, listeners };
}

describe('listenForHostTheme', () => {
  it('takes light or dark from the parent, anything else resets, other senders are ignored', () => {
    const { post, listeners } = fakeWindow();
    const seen: unknown[] = [];
    const stop = listenForHostTheme((theme) => seen.push(theme));
    post({ type: THEME_MESSAGE, theme: 'dark' });
    post({ type: THEME_MESSAGE, theme: 'light' });
    post({ type: THEME_MESSAGE, theme: 'purple' });
    post({ type: THEME_MESSAGE, theme: 'dark' }, {}); // another frame
    post({ type: 'something-else', theme: 'dark' });
    post(null);
    expect(seen).toEqual(['dark', 'light', null]);
    stop();
    expect(listeners.size).toBe(0);
  });
});

describe('watchSystemDark', () => {
  it('reports the current scheme, then its changes, until stopped', () => {
    let onChange: ((e: { matches: boolean }) => void) | null = null;
    vi.stubGlobal('matchMedia', () => ({
      matches: true,
      addEventListener: (_: string, fn: typeof onChange) => (onChange = fn),
      removeEventListener: () => (onChange = null),
    }));
    const seen: boolean[] = [];
    const stop = watchSystemDark((dark) => seen.push(dark));
    onChange!({ matches: false });
    stop();
    expect(seen).toEqual([true, false]);
    expect(onChange).toBeNull();
  });
});

describe('whenVisible', () => {
  it('starts at once where IntersectionObserver is missing', () => {
    vi.stubGlobal('IntersectionObserver', undefined);
    const start = vi.fn();
    whenVisible({} as Element, start);
    expect(start).toHaveBeenCalledTimes(1);
  });

  it('starts once, on the first intersection, and stops observing', () => {
    let callback: ((entries: { isIntersecting: boolean }[]) => void) | null = null;
    const disconnect = vi.fn();
    vi.stubGlobal(
      'IntersectionObserver',
      class {
        constructor(cb: typeof callback) {
          callback = cb;
        }
        observe() {}
        disconnect = disconnect;
      },
    );
    const start = vi.fn();
    whenVisible({} as Element, start);
    callback!([{ isIntersecting: false }]);
    expect(start).not.toHaveBeenCalled();
    callback!([{ isIntersecting: true }]);
    expect(start).toHaveBeenCalledTimes(1);
    expect(disconnect).toHaveBeenCalled();
  });
});
