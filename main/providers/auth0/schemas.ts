/**
 * Shapes of every body the Auth0 MFA API sends (providers.md §1), checked before anything in them is used.
 * Strings are size limited first; unknown members are dropped.
 */
import { z } from 'zod';

const text = (max: number) => z.string().max(max);

/** 403 from /oauth/token when the second factor is required (§1.1). */
export const mfaRequiredSchema = z.object({
  error: z.literal('mfa_required'),
  mfa_token: text(4096).min(1),
});

/** GET /mfa/authenticators (§1.3). */
export const authenticatorsSchema = z
  .array(
    z.object({
      id: text(200).min(1),
      authenticator_type: text(40),
      active: z.boolean(),
      oob_channel: text(20).optional(),
      name: text(200).optional(),
    }),
  )
  .max(50);
export type AuthenticatorEntry = z.infer<typeof authenticatorsSchema>[number];

/** POST /mfa/challenge (§1.4). */
export const challengeSchema = z.object({
  challenge_type: z.enum(['otp', 'oob']),
  oob_code: text(4096).min(1).optional(),
  binding_method: text(20).optional(),
});

/** A recovery code as Auth0 issues them (24 upper-case letters and digits); a little slack on length. */
const recoveryCode = text(64).regex(/^[A-Z0-9]{8,64}$/);

/** POST /mfa/associate (§1.6): OTP answers with a secret and a barcode URI, OOB with an oob_code. */
export const associateSchema = z.object({
  authenticator_type: z.enum(['otp', 'oob']),
  secret: text(128).regex(/^[A-Z2-7]+=*$/i).optional(),
  barcode_uri: text(1024).startsWith('otpauth://').optional(),
  oob_channel: text(20).optional(),
  oob_code: text(4096).min(1).optional(),
  binding_method: text(20).optional(),
  recovery_codes: z.array(recoveryCode).max(10).optional(),
});
export type AssociateAnswer = z.infer<typeof associateSchema>;

/** A token endpoint success after the second factor: the ID token is required (it says who approved). */
export const tokenSchema = z.object({
  access_token: text(16_384).min(1),
  token_type: text(40).min(1),
  id_token: text(16_384).min(1),
  expires_in: z.number().optional(),
  /** The new recovery code after the recovery-code grant (§1.5), shown once. */
  recovery_code: recoveryCode.optional(),
});
