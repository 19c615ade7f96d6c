import { useSyncExternalStore } from 'react';
import { SCREENS, type Screen } from '../../../shared/domain/screens';

/**
 * A small hash route (`#/hours?worker=3&week=2026-11-16`) so a reload keeps the screen and the
 * Hours screen's choices. No router library: four screens and a few query parameters.
 */
export interface Route {
  screen: Screen;
  params: URLSearchParams;
}

const DEFAULT_SCREEN: Screen = 'dashboard';
const listeners = new Set<() => void>();
let currentHash: string | null = null;
let current: Route = { screen: DEFAULT_SCREEN, params: new URLSearchParams() };

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#\/?/, '');
  const [path = '', query = ''] = raw.split('?');
  const screen = (SCREENS as readonly string[]).includes(path) ? (path as Screen) : DEFAULT_SCREEN;
  return { screen, params: new URLSearchParams(query) };
}

export function routeHref(
  screen: Screen,
  params?: Record<string, string | number | null | undefined>,
) {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params ?? {})) {
    if (v !== null && v !== undefined && v !== '') search.set(k, String(v));
  }
  const query = search.toString();
  return `#/${screen}${query ? `?${query}` : ''}`;
}

/**
 * The route every component sees. It changes only here, and then all subscribers hear of it
 * together; reading `location.hash` during render instead would let a component re-rendering
 * for another reason see a new hash before its parent does.
 */
function sync() {
  if (window.location.hash === currentHash) return;
  currentHash = window.location.hash;
  current = parseHash(currentHash);
  listeners.forEach((l) => l());
}

function snapshot(): Route {
  if (currentHash === null) {
    currentHash = window.location.hash;
    current = parseHash(currentHash);
  }
  return current;
}

if (typeof window !== 'undefined') window.addEventListener('hashchange', sync);

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

export function useRoute(): Route {
  return useSyncExternalStore(subscribe, snapshot);
}

/**
 * Goes to a screen. `replace` swaps the current history entry (for parameter changes such as the
 * week shown) instead of adding one.
 */
export function navigate(
  screen: Screen,
  params?: Record<string, string | number | null | undefined>,
  options: { replace?: boolean } = {},
) {
  const href = routeHref(screen, params);
  if (href === window.location.hash) return;
  if (options.replace) {
    window.history.replaceState(window.history.state, '', href);
    sync();
  } else {
    window.location.hash = href;
  }
}
