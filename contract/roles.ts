/**
 * Who may use what: the one table of roles for every IPC channel and every screen. Main enforces it in
 * dispatch (Electron IPC, the browser bridge and the command line alike) and tells the renderer which screens
 * and channels the operator has; the renderer only hides what main would refuse anyway.
 *
 * The tables are Records over every channel and screen, so a channel added to contract/ipc.ts without a line
 * here does not compile.
 */
import type { Channel } from './ipc.js';
import { operatorRoles, type OperatorRole } from './policy/sign-in.js';

/** The app's screens, in navigation order. */
export const screens = ['verify', 'approvals', 'enroll', 'audit', 'settings'] as const;
export type Screen = (typeof screens)[number];

/** No role needed: what the sign-in screen itself uses. */
export const OPEN = 'open';
type Access = readonly OperatorRole[] | typeof OPEN;

const ANY_ROLE = operatorRoles;
const AGENTS: readonly OperatorRole[] = ['helpdesk', 'admin'];
const READERS: readonly OperatorRole[] = ['auditor', 'admin'];
const ADMIN: readonly OperatorRole[] = ['admin'];
const APPROVERS: readonly OperatorRole[] = ['approver'];

export const screenRoles: Record<Screen, readonly OperatorRole[]> = {
  verify: ['helpdesk'],
  approvals: ['approver'],
  enroll: AGENTS,
  audit: READERS,
  settings: ADMIN,
};

export const channelRoles: Record<Channel, Access> = {
  'app:info': OPEN,
  'session:state': OPEN,
  'session:signIn': OPEN,
  'session:cancelSignIn': OPEN,
  'session:signOut': OPEN,
  'app:openLogFolder': READERS,

  // Everyone with a role sees the profiles a request can use (no secrets in them); only administrators change them.
  'profiles:list': ANY_ROLE,
  'profiles:save': ADMIN,
  'profiles:remove': ADMIN,
  'profiles:setSecret': ADMIN,
  'profiles:deleteSecret': ADMIN,
  'profiles:testConnection': ADMIN,

  // Verifying callers is the helpdesk's job; administrators are not helpdesk agents by default.
  'verify:methods': ['helpdesk'],
  'verify:start': ['helpdesk'],
  'verify:submitCode': ['helpdesk'],
  'verify:cancel': ['helpdesk'],
  'verify:record': ['helpdesk'],
  'verify:list': ['helpdesk'],
  // The second operator proves who they are themselves (sign-in); the agent's desk only asks for it.
  'verify:secondApproval': ['helpdesk'],
  // The reset step presents the token; an administrator may check one too.
  'token:check': AGENTS,

  // Enrolling an authenticator follows a verification of the same user, at the helpdesk.
  'enroll:start': AGENTS,
  'enroll:setupKey': AGENTS,
  'enroll:confirm': AGENTS,
  'enroll:cancel': AGENTS,
  'enroll:list': AGENTS,

  // The policy in force is everyone's to read (the Verify form offers its request types); locks are cleared by
  // an administrator only.
  'policy:view': ANY_ROLE,
  'policy:locks': ['helpdesk', 'auditor', 'admin'],
  'policy:clearLock': ADMIN,

  // Releases are the finance approvers'; the receipt key's public half also serves auditors checking receipts.
  'approvals:state': APPROVERS,
  'approvals:create': APPROVERS,
  'approvals:discard': APPROVERS,
  'approvals:signIn': APPROVERS,
  'approvals:challenge': APPROVERS,
  'approvals:submitCode': APPROVERS,
  'approvals:cancel': APPROVERS,
  'approvals:enroll': APPROVERS,
  'approvals:setupKey': APPROVERS,
  'approvals:takeRecoveryCode': APPROVERS,
  'approvals:ackRecoveryCode': APPROVERS,
  'approvals:signReceipt': APPROVERS,
  'approvals:receipt': APPROVERS,
  'approvals:exportReceipt': APPROVERS,
  'approvals:publicKey': ['approver', 'auditor', 'admin'],
  'approvals:exportPublicKey': ['approver', 'auditor', 'admin'],
  'approvals:openLink': APPROVERS,
  'approvals:takeLink': APPROVERS,

  'audit:list': ['helpdesk', 'auditor', 'admin'],
  'audit:query': READERS,
  'audit:entry': READERS,
  // Everyone sees whether requests are held back by an integrity problem, and why.
  'audit:integrity': ANY_ROLE,
  'audit:verify': READERS,
  'audit:acknowledge': ADMIN,
  'audit:export': READERS,
  'audit:settings': READERS,
  'audit:setRetention': ADMIN,
  'audit:forwarding': READERS,
  'audit:saveDestination': ADMIN,
  'audit:removeDestination': ADMIN,
  'audit:setDestinationSecret': ADMIN,

  'sandbox:state': ANY_ROLE,
  'sandbox:setEnabled': ADMIN,
  'sandbox:respond': AGENTS,
  'sandbox:setFault': AGENTS,
  'sandbox:scan': AGENTS,
};

/** True when an operator with `roles` may call `channel`. */
export function mayCall(roles: readonly OperatorRole[], channel: Channel): boolean {
  const access = channelRoles[channel];
  return access === OPEN || access.some((role) => roles.includes(role));
}

/** True when an operator with `roles` may open `screen`. */
export function mayOpen(roles: readonly OperatorRole[], screen: Screen): boolean {
  return screenRoles[screen].some((role) => roles.includes(role));
}

/** The roles a channel needs, or null when it needs none. */
export function rolesFor(channel: Channel): readonly OperatorRole[] | null {
  const access = channelRoles[channel];
  return access === OPEN ? null : access;
}

/** How roles are named to people. */
export const roleNames: Record<OperatorRole, string> = {
  helpdesk: 'Helpdesk agent',
  approver: 'Finance approver',
  auditor: 'Auditor',
  admin: 'Administrator',
};
