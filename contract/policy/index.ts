/**
 * The managed policy administrators deploy (a JSON file at the platform's managed location), validated by this
 * schema: unknown keys are refused, every value is bounded. Each section lives in its own file.
 */
import { z } from 'zod';
import { auditPolicySchema } from './audit.js';
import { endpointPolicySchema } from './endpoints.js';
import { limitsPolicySchema } from './limits.js';
import { providersPolicySchema } from './providers.js';
import { sandboxPolicySchema } from './sandbox.js';
import { signInPolicySchema } from './sign-in.js';
import { SECTION } from './fields.js';
import { verificationPolicySchema } from './verification.js';

export const managedPolicySchema = z
  .object({
    version: z.literal(1, 'must be 1'),
    signIn: signInPolicySchema.optional(),
    endpoints: endpointPolicySchema.optional(),
    providers: providersPolicySchema.optional(),
    verification: verificationPolicySchema.optional(),
    limits: limitsPolicySchema.optional(),
    audit: auditPolicySchema.optional(),
    sandbox: sandboxPolicySchema.optional(),
  }, SECTION)
  .strict();
export type ManagedPolicy = z.infer<typeof managedPolicySchema>;
