// The one route this app knows: "#/console" opens the supervision console, anything else
// the terminal. A hash, not a router: the app is a single file served from app:// or file.
import { useSyncExternalStore } from 'react';

export type Route = 'terminal' | 'console';

export const routeOf = (hash: string): Route => (hash === '#/console' || hash.startsWith('#/console?') ? 'console' : 'terminal');

const subscribe = (onChange: () => void) => {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
};

export const useRoute = (): Route =>
  useSyncExternalStore(
    subscribe,
    () => routeOf(window.location.hash),
    () => 'terminal',
  );
