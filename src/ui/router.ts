// Addresses for the Learn pages: `#learn` (the list) and `#learn/<rule-id>` (one rule), so a rule
// page is a real link (shareable, opens in a new tab) and Back / Forward move between the pages
// visited. Every other fragment belongs to sharing (`#v1/…` permalinks, `#example/<id>`): leaving
// Learn restores the address sharing wants for the current text, never an older state.

const LEARN = /^#?learn(?:\/(.*))?$/;

/** The Learn page a fragment names: null for other fragments, `{ rule: null }` for the list. */
export function parseLearnRoute(hash: string): { rule: string | null } | null {
  const match = LEARN.exec(hash);
  if (!match) return null;
  if (match[1] === undefined || match[1] === '') return { rule: null };
  try {
    return { rule: decodeURIComponent(match[1]) };
  } catch {
    return { rule: match[1] };
  }
}

/** The fragment (with '#') of a Learn page. */
export function learnHref(rule: string | null = null): string {
  return rule ? `#learn/${encodeURIComponent(rule)}` : '#learn';
}

/** What the router needs of the page state (the store's tab ids; kept as strings here so this
 *  module stays free of the store and its browser globals). */
export interface RoutedApp {
  tab: string;
  learnRule: string | null;
  lastResultTab: string;
  openLearn(rule: string | null): void;
  selectTab(tab: string): void;
}

/** What the router needs of sharing: the fragment (without '#') the address should show now. */
export interface AddressKeeper {
  addressFragment(): string;
}

/** Marks the history entries this page made, so Back onto one never reloads an older state. */
const MARK = 'dockerfile-playground';

function marked(state: unknown): boolean {
  return typeof state === 'object' && state !== null && (state as Record<string, unknown>)[MARK] === true;
}

function markedState(): Record<string, unknown> {
  const state: unknown = history.state;
  return { ...(typeof state === 'object' && state !== null ? state : {}), [MARK]: true };
}

function appAddress(share: AddressKeeper): string {
  const fragment = share.addressFragment();
  return `${location.pathname}${location.search}${fragment ? `#${fragment}` : ''}`;
}

/**
 * Keeps `app.tab` / `app.learnRule` and the address in step. Call `sync()` whenever the tab or
 * the rule changes (an $effect in App.svelte); returns the cleanup with it.
 */
export function startRouter(app: RoutedApp, share: AddressKeeper): { sync(): void; stop(): void } {
  const fromAddress = () => {
    const route = parseLearnRoute(location.hash);
    if (route) {
      if (app.tab !== 'learn' || app.learnRule !== route.rule) app.openLearn(route.rule);
    } else if (app.tab === 'learn') {
      app.selectTab(app.lastResultTab);
    }
  };
  // Back / Forward onto one of this page's own entries: it shows the current text's address
  // (runs before sharing's hashchange listener, which then sees its own fragment and stays put).
  const onPopState = (event: PopStateEvent) => {
    if (!parseLearnRoute(location.hash) && marked(event.state)) {
      history.replaceState(markedState(), '', appAddress(share));
    }
    fromAddress();
  };
  history.replaceState(markedState(), '');
  addEventListener('popstate', onPopState);
  addEventListener('hashchange', fromAddress);
  fromAddress();
  return {
    sync() {
      const route = parseLearnRoute(location.hash);
      if (app.tab === 'learn') {
        const wanted = learnHref(app.learnRule);
        if (location.hash !== wanted) history.pushState(markedState(), '', wanted);
      } else if (route) {
        history.pushState(markedState(), '', appAddress(share));
      }
    },
    stop() {
      removeEventListener('popstate', onPopState);
      removeEventListener('hashchange', fromAddress);
    },
  };
}
