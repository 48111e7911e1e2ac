/**
 * Managed policy: operator sign-in through the organisation's OpenID Connect provider and the roles it grants.
 * Owned by the operator-identity work (issue 13); the root schema is contract/policy/index.ts.
 */
import { z } from 'zod';

/** The operator roles screens and IPC calls are checked against. */
export const operatorRoles = ['helpdesk', 'approver', 'auditor', 'admin'] as const;
export type OperatorRole = (typeof operatorRoles)[number];

export const signInPolicySchema = z.object({}).strict();
export type SignInPolicy = z.infer<typeof signInPolicySchema>;
