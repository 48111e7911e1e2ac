/**
 * Managed policy: the rules every verification follows (reasons, ticket format, limits, cooldowns, assurance,
 * privileged targets, verification tokens). Owned by the policy-engine work (issue 13).
 */
import { z } from 'zod';

export const verificationPolicySchema = z.object({}).strict();
export type VerificationPolicy = z.infer<typeof verificationPolicySchema>;
