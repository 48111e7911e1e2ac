/**
 * Who is acting: the seam between the policy engine and operator identity. Today the operator is the OS
 * account with every role; operator sign-in (issue 13, sign-in work) fills the same shape from the
 * organisation's OpenID provider, and may prove a second operator's identity for one approval.
 */
import { operatorRoles, type OperatorRole } from '../../../contract/policy/sign-in.js';

export interface OperatorContext {
  operator: string;
  roles: readonly OperatorRole[];
  /** `os`: the OS account; `sign-in`: an OpenID sign-in; `attested`: a name typed at this desk (proves nothing). */
  via: 'os' | 'sign-in' | 'attested';
}

/** A second operator's identity for one approval, proven by sign-in; null when they did not complete it. */
export type SecondOperatorProof = (request: { verificationId: string; target: string; ticket: string }) => Promise<OperatorContext | null>;

/** The OS account as the operator, with every role (what the app did before operator sign-in existed). */
export function osOperator(operator: string): OperatorContext {
  return { operator, roles: operatorRoles, via: 'os' };
}

/** True when the context holds `role`. */
export const hasRole = (context: OperatorContext, role: OperatorRole): boolean => context.roles.includes(role);

/** The person in an operator label: a signed-in operator is recorded as "alice@contoso.com (OS: jdoe)". */
const person = (name: string): string => name.replace(/\s*\(OS: [^)]*\)\s*$/, '').trim().toLowerCase();

/** Operators are the same person when their names match without regard to case, space and the OS account. */
export const sameOperator = (a: string, b: string): boolean => person(a) === person(b);
