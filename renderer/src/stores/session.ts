/**
 * The operator's session as main reports it: who, which roles, which screens and calls those allow, and the
 * sign-in state. Main decides; this store only mirrors it so the UI can hide what would be refused.
 */
import { create } from 'zustand';
import type { MfaApi } from '../../../contract/api';
import type { Result } from '../../../contract/domain';
import type { Channel } from '../../../contract/ipc';
import type { OperatorRole } from '../../../contract/policy/sign-in';
import type { Screen } from '../../../contract/roles';
import type { SessionView } from '../../../contract/session';
import { api, settle } from '../lib/api';

interface SessionState {
  view: SessionView | null;
  error: string | null;
  /** A sign-in or sign-out request in flight (the button shows it). */
  busy: boolean;
  load: () => Promise<void>;
  apply: (view: SessionView) => void;
  signIn: () => Promise<void>;
  cancelSignIn: () => Promise<void>;
  signOut: () => Promise<void>;
}

export const useSession = create<SessionState>()((set) => {
  const run = async (call: (mfa: MfaApi) => Promise<Result<SessionView>>): Promise<void> => {
    set({ busy: true });
    const result = await settle(call);
    set(result.ok ? { view: result.value, error: null, busy: false } : { error: result.message, busy: false });
  };
  return {
    view: null,
    error: null,
    busy: false,
    load: () => run((mfa) => mfa.session.state()),
    apply: (view) => set({ view, error: null }),
    signIn: () => run((mfa) => mfa.session.signIn()),
    cancelSignIn: () => run((mfa) => mfa.session.cancelSignIn()),
    signOut: () => run((mfa) => mfa.session.signOut()),
  };
});

/** Follows session changes from main (sign-in finished, expired, signed out). */
export function startSessionSync(): () => void {
  void useSession.getState().load();
  return api().events.onSessionChanged((view) => useSession.getState().apply(view));
}

/** The screens main says the operator may open; one empty list until it has said (selectors must be stable). */
const NONE: readonly Screen[] = [];
export const selectScreens = (s: SessionState): readonly Screen[] => s.view?.screens ?? NONE;
const NO_ROLES: readonly OperatorRole[] = [];
/** The operator's roles; one empty list until main has said. */
export const selectRoles = (s: SessionState): readonly OperatorRole[] => s.view?.roles ?? NO_ROLES;

/** True once main has said the operator may call `channel`. */
export const selectMayCall = (channel: Channel) => (s: SessionState): boolean => s.view?.channels.includes(channel) ?? false;
/** True once main has said the operator may open `screen`. */
export const selectMayOpen = (screen: Screen) => (s: SessionState): boolean => s.view?.screens.includes(screen) ?? false;
