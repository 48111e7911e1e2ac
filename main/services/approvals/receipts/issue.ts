/** Signs a receipt for a release whose approvals are complete, with the app's Ed25519 key from the keychain. */
import { randomUUID } from 'node:crypto';
import { CompactSign } from 'jose';
import type { Release } from '../release.js';
import { RECEIPT_ISSUER, RECEIPT_TYPE, receiptPayloadSchema, type ReceiptPayload } from './format.js';
import type { SigningKey } from './signing-key.js';

export interface IssuedReceipt {
  payload: ReceiptPayload;
  jws: string;
  keyId: string;
}

const seconds = (ms: number): number => Math.floor(ms / 1000);

/** Builds, checks and signs the receipt. It is valid for the release's approval window from now. */
export async function issueReceipt(release: Release, key: SigningKey, now: number): Promise<IssuedReceipt> {
  const iat = seconds(now);
  const payload = receiptPayloadSchema.parse({
    iss: RECEIPT_ISSUER,
    jti: randomUUID(),
    iat,
    exp: iat + release.windowMinutes * 60,
    txn: { alg: 'SHA-256', canon: 'RFC 8785', hash: release.hash.hash, short: release.hash.short, fields: release.transaction },
    approvers: release.approvals.map((a) => ({ sub: a.subject, iss: a.issuer, email: a.email, factor: a.factor, at: seconds(a.approvedAt) })),
    required: release.requiredApprovers,
    sandbox: release.sandbox,
  } satisfies ReceiptPayload);
  // Why parse our own payload: the verifier holds receipts to this schema; one that could not pass is never issued.
  const jws = await new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader({ alg: 'EdDSA', typ: RECEIPT_TYPE, kid: key.keyId })
    .sign(key.privateKey);
  return { payload, jws, keyId: key.keyId };
}
