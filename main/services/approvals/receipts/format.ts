/**
 * The receipt: a compact JWS (a JWT) signed with the app's Ed25519 key. Its payload carries the transaction
 * fields and their canonical hash, every approver's Auth0 subject and the factor they used, the times, the
 * expiry and a unique id; the header names the key by its thumbprint. This schema is what the offline
 * verifier holds a receipt to, strictly: an unknown member is as wrong as a missing one.
 */
import { z } from 'zod';

export const RECEIPT_TYPE = 'mfa-approver-receipt+jwt';
export const RECEIPT_ISSUER = 'mfa-approver';

const text = (max: number) => z.string().max(max);
const seconds = z.number().int().min(0).max(32_503_680_000);

export const receiptHeaderSchema = z
  .object({ alg: z.literal('EdDSA'), typ: z.literal(RECEIPT_TYPE), kid: text(100).min(1) })
  .strict();

const transactionFieldsSchema = z
  .object({
    v: z.literal(1),
    reference: text(35).min(1),
    amount: text(24).regex(/^\d{1,15}(\.\d{1,3})?$/),
    currency: text(3).regex(/^[A-Z]{3}$/),
    beneficiary: text(140).min(1),
    account: z.object({ type: z.enum(['iban', 'account']), value: text(64).min(1) }).strict(),
    purpose: text(140).min(1),
  })
  .strict();

export const receiptPayloadSchema = z
  .object({
    iss: z.literal(RECEIPT_ISSUER),
    jti: z.string().uuid(),
    iat: seconds,
    exp: seconds,
    txn: z
      .object({
        alg: z.literal('SHA-256'),
        canon: z.literal('RFC 8785'),
        hash: text(64).regex(/^[0-9a-f]{64}$/),
        short: text(9).regex(/^[A-Z2-7]{4}-[A-Z2-7]{4}$/),
        fields: transactionFieldsSchema,
      })
      .strict(),
    approvers: z
      .array(
        z
          .object({
            sub: text(256).min(1),
            iss: text(300).min(1),
            email: text(256).nullable(),
            factor: z.enum(['otp', 'push', 'sms', 'voice', 'email', 'recovery-code']),
            at: seconds,
          })
          .strict(),
      )
      .min(1)
      .max(2),
    required: z.union([z.literal(1), z.literal(2)]),
    sandbox: z.boolean(),
  })
  .strict();
export type ReceiptPayload = z.infer<typeof receiptPayloadSchema>;
