/**
 * Offline verification of a receipt with the app's public key (no network, no keychain needed): the form of
 * the JWS, the key it names, the Ed25519 signature, the payload's shape, the transaction hash recomputed from
 * the fields it carries, distinct approvers and their number. A receipt that fails any check is rejected with
 * the reason; a valid one past its expiry is reported as such.
 */
import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import { compactVerify, decodeProtectedHeader } from 'jose';
import { hashTransaction, type CanonicalTransaction } from '../canonical.js';
import { RECEIPT_TYPE, receiptHeaderSchema, receiptPayloadSchema, type ReceiptPayload } from './format.js';
import { describePublicKey } from './signing-key.js';

export type ReceiptCheck = { ok: true; receipt: ReceiptPayload; keyId: string; expired: boolean } | { ok: false; reason: string };

const MAX_JWS = 16 * 1024;

/** Reads a public key given as SPKI PEM or as a JWK (JSON); null unless it is an Ed25519 public key. */
export function readPublicKey(text: string): KeyObject | null {
  if (text.length > 16 * 1024) return null;
  try {
    const trimmed = text.trim();
    const key = trimmed.startsWith('{')
      ? createPublicKey({ key: JSON.parse(trimmed) as JsonWebKey, format: 'jwk' })
      : createPublicKey(trimmed);
    return key.asymmetricKeyType === 'ed25519' && key.type === 'public' ? key : null;
  } catch {
    return null;
  }
}

function firstIssue(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.map(String).join('.') || 'payload'}: ${issue.message}` : 'invalid';
}

/** Verifies `jws` with `publicKey` at time `now` (ms). */
export async function verifyReceipt(jws: string, publicKey: KeyObject, now: number): Promise<ReceiptCheck> {
  const reject = (reason: string): ReceiptCheck => ({ ok: false, reason });
  const compact = jws.trim();
  if (compact.length > MAX_JWS) return reject(`not a receipt: longer than ${MAX_JWS} characters`);
  if (!/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(compact)) return reject('not a receipt: a compact JWS is three base64url parts separated by dots');
  let header: unknown;
  try {
    header = decodeProtectedHeader(compact);
  } catch {
    return reject('not a receipt: the header cannot be read');
  }
  const parsedHeader = receiptHeaderSchema.safeParse(header);
  if (!parsedHeader.success) return reject(`wrong header (${firstIssue(parsedHeader.error)}): receipts are EdDSA-signed ${RECEIPT_TYPE}`);
  const { keyId } = await describePublicKey(publicKey);
  if (parsedHeader.data.kid !== keyId) return reject(`signed by another key: the receipt names key ${parsedHeader.data.kid.slice(0, 60)}, this public key is ${keyId}`);
  let payloadBytes: Uint8Array;
  try {
    payloadBytes = (await compactVerify(compact, publicKey, { algorithms: ['EdDSA'] })).payload;
  } catch {
    return reject('the signature does not match: the receipt was changed after it was signed');
  }
  let payload: unknown;
  try {
    payload = JSON.parse(new TextDecoder().decode(payloadBytes));
  } catch {
    return reject('the signed content is not JSON');
  }
  const parsed = receiptPayloadSchema.safeParse(payload);
  if (!parsed.success) return reject(`the signed content is not a receipt (${firstIssue(parsed.error)})`);
  const receipt = parsed.data;
  const recomputed = hashTransaction(receipt.txn.fields as CanonicalTransaction);
  if (recomputed.hash !== receipt.txn.hash || recomputed.short !== receipt.txn.short) return reject('the transaction hash does not match the transaction in the receipt');
  const subjects = new Set(receipt.approvers.map((a) => `${a.iss}\n${a.sub}`));
  if (subjects.size !== receipt.approvers.length) return reject('the same approver appears twice');
  if (receipt.approvers.length < receipt.required) return reject(`fewer approvers (${receipt.approvers.length}) than required (${receipt.required})`);
  if (receipt.exp <= receipt.iat) return reject('the receipt expires before it was issued');
  return { ok: true, receipt, keyId, expired: now >= receipt.exp * 1000 };
}
