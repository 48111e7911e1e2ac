/** Which screen is shown. Kept in the URL hash (#/audit) so links are real links and Back works. */
import { create } from 'zustand';
import type { Screen } from '../../../contract/roles';

export type { Screen };
/** Every screen, in navigation order (the contract's list; main says which of them the operator may open). */
export const screens = ['verify', 'approvals', 'enroll', 'audit', 'settings'] as const satisfies readonly Screen[];

export const screenTitles: Record<Screen, string> = {
  verify: 'Verify caller',
  approvals: 'Approvals',
  enroll: 'Enroll authenticator',
  audit: 'Audit log',
  settings: 'Settings',
};

export const screenHref = (screen: Screen): string => `#/${screen}`;

function screenFromHash(hash: string): Screen {
  // "#/approvals?link=…" is the Approvals screen (the query is a deep link, see lib/deepLink).
  const name = hash.replace(/^#\/?/, '').split('?')[0] ?? '';
  return (screens as readonly string[]).includes(name) ? (name as Screen) : 'verify';
}

interface NavState {
  screen: Screen;
  /** Increments on every navigation after the first render, so the new screen can take focus. */
  navigations: number;
}

export const useNav = create<NavState>()(() => ({
  screen: screenFromHash(window.location.hash),
  navigations: 0,
}));

/** Follows hash changes (link clicks, Back/Forward). */
export function startNavSync(): () => void {
  const onHashChange = () => {
    // Only "#/name" is a route; other fragments (e.g. in-page anchors) leave the screen as it is.
    if (!window.location.hash.startsWith('#/')) return;
    useNav.setState((s) => ({ screen: screenFromHash(window.location.hash), navigations: s.navigations + 1 }));
  };
  window.addEventListener('hashchange', onHashChange);
  return () => window.removeEventListener('hashchange', onHashChange);
}
