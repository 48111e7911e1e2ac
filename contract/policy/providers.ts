/** Managed policy: which identity providers and profiles this installation may use, and who may change them. */
import { z } from 'zod';
import { boundedString } from '../bounds.js';
import { distinctLabels, list, SECTION } from './fields.js';

export const providersPolicySchema = z
  .object({
    /** Provider kinds that may be used and added (e.g. ["entra"]); the app checks each name is one it knows. */
    allowed: list(boundedString(40).trim().regex(/^[a-z0-9-]{1,40}$/, 'must be a provider kind such as entra or ciba'), 10).optional(),
    /** Profiles (by name or id) that may be used for verifications; absent: every profile of an allowed kind. */
    profiles: distinctLabels(100, 80).optional(),
    /** Whether people may add, edit and remove profiles in Settings (setting a profile's secret stays possible). */
    userProfiles: z.boolean('must be true or false').optional(),
  }, SECTION)
  .strict();
export type ProvidersPolicy = z.infer<typeof providersPolicySchema>;
