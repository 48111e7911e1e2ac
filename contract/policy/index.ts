/**
 * The managed policy administrators deploy (a JSON file at the platform's managed location), validated by this
 * schema: unknown keys are refused, every value is bounded. Each section lives in its own file.
 */
import { z } from 'zod';
import { endpointPolicySchema } from './endpoints.js';
import { signInPolicySchema } from './sign-in.js';
import { verificationPolicySchema } from './verification.js';

export const managedPolicySchema = z
  .object({
    version: z.literal(1, 'must be 1'),
    signIn: signInPolicySchema.optional(),
    endpoints: endpointPolicySchema.optional(),
    verification: verificationPolicySchema.optional(),
  })
  .strict();
export type ManagedPolicy = z.infer<typeof managedPolicySchema>;
