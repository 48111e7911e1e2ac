/** Managed policy: audit retention and forwarding destinations people cannot change or remove. */
import { z } from 'zod';
import { forwardDestinationSchema, retentionDaysSchema } from '../audit.js';
import { list, SECTION } from './fields.js';

/** A managed destination needs a fixed id: its delivery cursor is kept under it across restarts. */
const managedDestination = forwardDestinationSchema.refine((dest) => dest.id !== undefined, {
  message: 'must have an id (a UUID that stays the same, so delivery resumes where it stopped)',
  path: ['id'],
});

export const auditPolicySchema = z
  .object({
    /** Days entries are kept (null: keep everything); Settings then shows it as managed. */
    retentionDays: retentionDaysSchema.optional(),
    /** Destinations every entry is forwarded to. Their tokens, if any, are still set on this computer. */
    forwarding: list(managedDestination, 8).optional(),
    /** Whether people may add their own destinations beside the managed ones. */
    userDestinations: z.boolean('must be true or false').optional(),
  }, SECTION)
  .strict();
export type AuditPolicy = z.infer<typeof auditPolicySchema>;
