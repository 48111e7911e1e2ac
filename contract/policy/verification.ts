/**
 * Managed policy: the rules every verification follows (reasons, ticket format, assurance, privileged
 * targets, verification tokens, a second operator's approval). Owned by the policy-engine work (issue 13);
 * the limits are in limits.ts.
 */
import { z } from 'zod';
import { boundedString } from '../bounds.js';
import { assuranceLevel, distinctLabels, list, SECTION, wholeNumber } from './fields.js';
import { TEMPLATE_PATTERN, TICKET_TEMPLATE_MAX } from './ticket-format.js';

/** Most `*` a privileged-target pattern may hold: each one widens what a match has to try. */
export const MAX_PATTERN_STARS = 4;

/**
 * An account (`ceo@contoso.com`), a domain (`@admins.contoso.com`) or a pattern with `*` (any characters)
 * and `?` (one character), compared with the account as the provider canonicalised it, without regard to case.
 */
const targetPattern = boundedString(256)
  .trim()
  .min(1, 'must not be empty')
  .regex(/^[^\s\p{Cc}\p{Cf}]+$/u, 'must be an account, a domain such as @contoso.com, or a pattern with * and ? (no spaces)')
  .refine((value) => (value.match(/\*/g)?.length ?? 0) <= MAX_PATTERN_STARS, `must hold at most ${MAX_PATTERN_STARS} * wildcards`);

const ticketTemplate = boundedString(TICKET_TEMPLATE_MAX)
  .trim()
  .min(1, 'must not be empty')
  .regex(TEMPLATE_PATTERN, 'must be letters, digits and . / : - _ with # for a digit, @ for a letter and * for either');

export const privilegedPolicySchema = z
  .object({
    targets: list(targetPattern, 500).optional(),
    /**
     * Directory groups whose members are privileged. Only a provider that can look up group membership
     * before sending can use them; with any other provider every account is treated as privileged.
     */
    groups: distinctLabels(50, 256).optional(),
    /** The level a result for a privileged target needs before it counts. */
    minimumAssurance: assuranceLevel.optional(),
  }, SECTION)
  .strict();

export const verificationPolicySchema = z
  .object({
    /**
     * The request types the agent picks from (the Verify form offers them); the agent adds free text. An
     * empty list offers none: the agent only writes the reason in their own words.
     */
    reasons: distinctLabels(30, 80).optional(),
    /** Shortest free text accepted with the reason (0: optional). */
    reasonDetailsMin: wholeNumber(0, 200, 'characters').optional(),
    /** Ticket reference formats (see ticket-format.ts); the ticket must match one. */
    ticketFormats: list(ticketTemplate, 10).min(1, 'must list at least one format').optional(),
    /** The level every result needs before it counts; privileged targets may need more. */
    minimumAssurance: assuranceLevel.optional(),
    privileged: privilegedPolicySchema.optional(),
    /** How long a verification token stays valid after an approval. */
    tokenLifetimeSeconds: wholeNumber(15, 600, 'seconds').optional(),
    /** How soon after an approval a verification with another method must follow to combine into HIGH. */
    secondMethodWindowSeconds: wholeNumber(60, 1800, 'seconds').optional(),
    /**
     * A second operator's approval: `sign-in` (only a second operator who signs in counts), `attested` (also
     * a colleague named at this desk, which authenticates nobody), or `off`.
     */
    secondApproval: z.enum(['sign-in', 'attested', 'off'], 'must be sign-in, attested or off').optional(),
    /** Who may give an attested approval (user names); empty or absent: any name other than the operator's. */
    approvers: distinctLabels(100, 128).optional(),
  }, SECTION)
  .strict();
export type VerificationPolicy = z.infer<typeof verificationPolicySchema>;
export type PrivilegedPolicy = z.infer<typeof privilegedPolicySchema>;
