/**
 * The operator as every process sees them: who is at the keyboard, how they were identified, and what their
 * roles let them use. Types only. Tokens never appear here: the sign-in lives in main.
 */
import type { Channel } from './ipc.js';
import type { OperatorRole } from './policy/sign-in.js';
import type { Screen } from './roles.js';

/**
 * Where the roles came from. `unmanaged`: no managed policy, so the OS account has every role. `policy`: the
 * managed policy's roles for the OS account. `sign_in`: the organisation's OpenID provider.
 */
export type RoleSource = 'unmanaged' | 'policy' | 'sign_in';

/** The sign-in through the organisation's OpenID provider, when the managed policy configures one. */
export type SignInState = 'not_configured' | 'signed_out' | 'in_progress' | 'signed_in';

export interface SessionView {
  /** The OS account running the app; always known, always recorded. */
  osUser: string;
  /** The operator as the audit trail records them. */
  operator: string;
  signIn: SignInState;
  /** The signed-in identity (never a token): the name the roles were read for and the provider's host. */
  identity: { name: string; issuerHost: string } | null;
  roles: OperatorRole[];
  roleSource: RoleSource;
  /** When the sign-in ends (ISO 8601), or null. */
  expiresAt: string | null;
  /** The screens and channels these roles allow; main refuses everything else whatever the renderer shows. */
  screens: Screen[];
  channels: Channel[];
  /** The last sign-in problem, in plain words, or null. */
  message: string | null;
}
