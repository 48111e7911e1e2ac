/** Managed policy: push-bombing limits, lookups, expiry and the lock after repeated denials. */
import { z } from 'zod';
import { SECTION, wholeNumber } from './fields.js';

export const limitsPolicySchema = z
  .object({
    /** After any verification of an account, no new push to it for this long (0: off). */
    cooldownSeconds: wholeNumber(0, 3600, 'seconds').optional(),
    /** Verifications of one account per hour, whatever their outcome. */
    perTargetPerHour: wholeNumber(1, 50, 'verifications').optional(),
    /** Verifications one operator may start per hour. */
    perOperatorPerHour: wholeNumber(1, 500, 'verifications').optional(),
    /** Methods lookups one operator may make per hour. */
    lookupsPerOperatorPerHour: wholeNumber(1, 1000, 'lookups').optional(),
    /** Methods lookups of one account per hour. */
    lookupsPerTargetPerHour: wholeNumber(1, 100, 'lookups').optional(),
    /** The app's hard limit on waiting for a provider's answer; the verification then ends as timed out. */
    pendingSeconds: wholeNumber(30, 300, 'seconds').optional(),
    /** How long a code check waits for the agent to type the caller's code. */
    codeEntrySeconds: wholeNumber(30, 600, 'seconds').optional(),
    /** Denials of one account within `denialWindowHours` that lock it (a fraud report always locks). */
    lockAfterDenials: wholeNumber(1, 10, 'denials').optional(),
    denialWindowHours: wholeNumber(1, 168, 'hours').optional(),
  }, SECTION)
  .strict();
export type LimitsPolicy = z.infer<typeof limitsPolicySchema>;
