/** Managed policy: whether the sandbox (simulated identity providers) is offered at all. */
import { z } from 'zod';
import { SECTION } from './fields.js';

export const sandboxPolicySchema = z.object({ offered: z.boolean('must be true or false').optional() }, SECTION).strict();
export type SandboxPolicy = z.infer<typeof sandboxPolicySchema>;
