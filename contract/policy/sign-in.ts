/**
 * Managed policy: operator sign-in through the organisation's OpenID Connect provider and the roles it grants.
 * Owned by the operator-identity work (issue 13); the root schema is contract/policy/index.ts.
 */
import { z } from 'zod';
import { boundedArray, boundedString } from '../bounds.js';
import { baseUrlSchema, proxyUrlSchema } from '../urls.js';

/** The operator roles screens and IPC calls are checked against. */
export const operatorRoles = ['helpdesk', 'approver', 'auditor', 'admin'] as const;
export type OperatorRole = (typeof operatorRoles)[number];

/** Visible ASCII without spaces (client ids). */
const visible = /^[\x21-\x7e]+$/;
/** A claim name, or a dotted path into nested claims (Keycloak: realm_access.roles). */
const claimPath = boundedString(100)
  .trim()
  .regex(/^[A-Za-z0-9_:/-]+(?:\.[A-Za-z0-9_:/-]+){0,4}$/, 'must be a claim name such as groups, roles or realm_access.roles');
/** Values of the roles claim that grant one role (group names, group object ids, app role values). */
const claimValues = boundedArray(boundedString(256).trim().min(1, 'must not be empty'), 100).default([]);
const role = z.enum(operatorRoles, 'must be helpdesk, approver, auditor or admin');

export const oidcSignInSchema = z
  .object({
    /** The issuer exactly as its ID tokens carry it; discovery is read from it. */
    issuer: baseUrlSchema,
    /** A public client (RFC 8252 native app: no secret, PKCE) registered with the loopback redirect below. */
    clientId: boundedString(200).trim().min(1, { message: 'is required', abort: true }).regex(visible, 'must be letters, digits or symbols without spaces'),
    scope: boundedString(300)
      .trim()
      .regex(/^[\x21\x23-\x5b\x5d-\x7e]+(?: [\x21\x23-\x5b\x5d-\x7e]+){0,29}$/, 'must be values separated by single spaces')
      .refine((value) => value.split(' ').includes('openid'), 'must contain openid')
      .default('openid profile email'),
    /** The claim that names the operator in the audit trail (falls back to email, then sub). */
    usernameClaim: claimPath.default('preferred_username'),
    /** The claim whose values decide the roles (a string or a list of strings). */
    rolesClaim: claimPath.default('groups'),
    /** Which claim values grant which role; an operator with none of them gets no role. */
    roleMapping: z
      .object({ helpdesk: claimValues, approver: claimValues, auditor: claimValues, admin: claimValues })
      .strict(),
    /**
     * Ask the provider to authenticate the operator again at every sign-in (prompt=login). Why on by default: on a
     * shared helpdesk computer the browser may still hold the previous operator's session at the provider, which
     * would otherwise sign them in again without a word.
     */
    reauthenticate: z.boolean('must be true or false').default(true),
    /** How long a sign-in lasts before the operator must sign in again. */
    sessionMinutes: z.number('must be a number').int('must be a whole number').min(5, 'must be at least 5').max(1440, 'must be at most 1440 (one day)').default(480),
    /** Path of the loopback redirect (register http://127.0.0.1<path> with any port at the provider). */
    redirectPath: boundedString(100).regex(/^\/[A-Za-z0-9._~/-]{0,99}$/, 'must be a path such as /callback').default('/callback'),
    /** An explicit proxy for the app's own calls to the provider (discovery, keys, code exchange). */
    proxyUrl: proxyUrlSchema.optional(),
    /** How long the app waits for the browser to come back. */
    timeoutSeconds: z.number('must be a number').int('must be a whole number').min(30, 'must be at least 30').max(900, 'must be at most 900').default(300),
  })
  .strict();
export type OidcSignInPolicy = z.output<typeof oidcSignInSchema>;

export const signInPolicySchema = z
  .object({
    /** When present, operators sign in through this OpenID provider and get the roles it grants. */
    oidc: oidcSignInSchema.optional(),
    /**
     * Roles of the OS account without a sign-in (before signing in, and on the command line). Absent: none
     * on a managed installation.
     */
    osUserRoles: boundedArray(role, 4).optional(),
  })
  .strict();
export type SignInPolicy = z.output<typeof signInPolicySchema>;
