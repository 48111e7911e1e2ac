/**
 * What a verified ID token says about the operator: the name recorded in the audit trail and the roles the
 * managed policy maps its claim values to. Pure functions over claims that were already verified.
 */
import { operatorRoles, type OidcSignInPolicy, type OperatorRole } from '../../../contract/policy/sign-in.js';

const MAX_VALUES = 500;

/** The value at a claim path (`groups`, `realm_access.roles`), own properties only. */
export function claimAt(claims: Record<string, unknown>, path: string): unknown {
  let value: unknown = claims;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object' || Array.isArray(value) || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** The claim's values as strings: a string is one value, a list keeps its strings; anything else is none. */
export function claimValues(claims: Record<string, unknown>, path: string): string[] {
  const value = claimAt(claims, path);
  if (typeof value === 'string') return [value];
  if (!Array.isArray(value)) return [];
  return value.slice(0, MAX_VALUES).filter((item): item is string => typeof item === 'string');
}

/**
 * The roles the policy grants for these claims, in the app's order. Why exact, case-sensitive matches:
 * group names and ids are the directory's, and a looser match could grant a role to a look-alike group.
 */
export function rolesFromClaims(claims: Record<string, unknown>, policy: Pick<OidcSignInPolicy, 'rolesClaim' | 'roleMapping'>): OperatorRole[] {
  const values = new Set(claimValues(claims, policy.rolesClaim));
  return operatorRoles.filter((role) => policy.roleMapping[role].some((value) => values.has(value)));
}

/** The operator's name: the configured claim, else email, else the subject. */
export function operatorName(claims: Record<string, unknown>, policy: Pick<OidcSignInPolicy, 'usernameClaim'>): string {
  for (const path of [policy.usernameClaim, 'email', 'sub']) {
    const value = claimAt(claims, path);
    if (typeof value === 'string' && value.trim() !== '') return value.trim().slice(0, 120);
  }
  return 'unknown';
}
