/**
 * The role check in front of every handler (main/ipc/dispatch.ts): the operator's roles against the one table
 * in contract/roles.ts. A refusal is `forbidden` in plain words, and an audit event.
 */
import type { Channel } from '../../../contract/ipc.js';
import type { OperatorRole } from '../../../contract/policy/sign-in.js';
import { mayCall, roleNames, rolesFor } from '../../../contract/roles.js';
import type { OperatorSession } from './session.js';

export interface AccessGuard {
  /** Null when the operator may call `channel`; otherwise the message for them (already recorded). */
  check(channel: Channel): string | null;
}

/** What a refusal records: the channel, who asked, what they have and what it needs. */
export type RefusalRecorder = (channel: Channel, detail: string, data: Record<string, unknown>) => void;

const names = (roles: readonly OperatorRole[]): string => roles.map((role) => roleNames[role]).join(' or ');

/** Checks the current operator's roles for each request. */
export function createAccessGuard(session: Pick<OperatorSession, 'roles' | 'operator' | 'signInRequired'>, refused: RefusalRecorder): AccessGuard {
  return {
    check(channel) {
      const roles = session.roles();
      if (mayCall(roles, channel)) return null;
      const needed = rolesFor(channel) ?? [];
      const message = session.signInRequired() && roles.length === 0
        ? 'Sign in first: this computer needs you to sign in with your organisation account.'
        : roles.length === 0
          ? 'Your account has no role in MFA Approver on this computer, so this was refused. Ask your administrator.'
          : `This needs the ${names(needed)} role, which you do not have (you are ${names(roles).replace(/ or /g, ', ')}). Ask your administrator if you need it.`;
      refused(channel, `${channel}: needs ${needed.join(' or ')}; operator has ${roles.join(', ') || 'no role'}`, {
        channel,
        roles: [...roles],
        required: [...needed],
      });
      return message;
    },
  };
}
