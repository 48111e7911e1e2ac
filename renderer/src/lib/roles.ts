/** How roles are named on screen. Typed against the contract's roles, so a new role needs a name here. */
import type { OperatorRole } from '../../../contract/policy/sign-in';

export const roleLabels: Record<OperatorRole, string> = {
  helpdesk: 'Helpdesk agent',
  approver: 'Finance approver',
  auditor: 'Auditor',
  admin: 'Administrator',
};

/** "Helpdesk agent, Auditor", or "no role". */
export function roleList(roles: readonly OperatorRole[]): string {
  return roles.length === 0 ? 'no role' : roles.map((role) => roleLabels[role]).join(', ');
}
