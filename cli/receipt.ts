/**
 * `mfa-approver receipt verify FILE [--key PUBLIC-KEY-FILE]`: checks a signed approval receipt offline, with
 * the exported public key (or this installation's own), and prints what it approves or why it is rejected.
 */
import fs from 'node:fs/promises';
import type { KeyObject } from 'node:crypto';
import { readPublicKey, verifyReceipt, type ReceiptCheck } from '../main/services/approvals/receipts/verify.js';
import type { CliIo } from './run.js';

export const RECEIPT_EXIT = { valid: 0, rejected: 1, expired: 2, error: 3 } as const;

/** Longest receipt or key file read. */
const MAX_FILE = 64 * 1024;

export class ReceiptFileError extends Error {}

/** Reads a small text file, or says plainly why it cannot. */
export async function readSmallFile(file: string, what: string): Promise<string> {
  let handle: fs.FileHandle | null = null;
  try {
    handle = await fs.open(file, 'r');
    const { size } = await handle.stat();
    if (size > MAX_FILE) throw new ReceiptFileError(`the ${what} file is too large to be one (${size} bytes)`);
    return await handle.readFile('utf8');
  } catch (error) {
    if (error instanceof ReceiptFileError) throw error;
    throw new ReceiptFileError(`the ${what} file cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  } finally {
    await handle?.close();
  }
}

/** The public key in `text` (PEM or JWK), or an error naming the file. */
export function publicKeyFrom(text: string, origin: string): KeyObject {
  const key = readPublicKey(text);
  if (!key) throw new ReceiptFileError(`${origin} is not an Ed25519 public key (PEM or JWK)`);
  return key;
}

function describe(check: ReceiptCheck): string {
  if (!check.ok) return `REJECTED: ${check.reason}\n`;
  const { receipt } = check;
  const t = receipt.txn.fields;
  const when = (s: number): string => new Date(s * 1000).toISOString();
  const approvers = receipt.approvers.map((a) => `${a.email ?? a.sub} (${a.sub}, ${a.factor}, ${when(a.at)})`).join('; ');
  const lines = [
    `${check.expired ? 'EXPIRED' : 'VALID'}: receipt ${receipt.jti}`,
    `Release ${t.reference}: ${t.amount} ${t.currency} to ${t.beneficiary} (${t.account.type} ${t.account.value}), "${t.purpose}"`,
    `Transaction ${receipt.txn.short} (SHA-256 ${receipt.txn.hash}, ${receipt.txn.canon})`,
    `Approved by ${receipt.approvers.length} of ${receipt.required} required: ${approvers}`,
    `Issued ${when(receipt.iat)}, ${check.expired ? 'expired' : 'expires'} ${when(receipt.exp)}; signed with key ${check.keyId}`,
  ];
  if (receipt.sandbox) lines.push('(Sandbox: approved through a simulated tenant; this proves nothing about real approvers.)');
  return `${lines.join('\n')}\n`;
}

/** Verifies the receipt in `file` with `key`; prints the result and answers the exit code. */
export async function verifyReceiptFile(file: string, key: KeyObject, json: boolean, io: Pick<CliIo, 'stdout'>): Promise<number> {
  const check = await verifyReceipt(await readSmallFile(file, 'receipt'), key, Date.now());
  if (json) {
    io.stdout(`${JSON.stringify(check.ok ? { valid: true, expired: check.expired, reason: null, keyId: check.keyId, receipt: check.receipt } : { valid: false, expired: false, reason: check.reason, keyId: null, receipt: null })}\n`);
  } else {
    io.stdout(describe(check));
  }
  if (!check.ok) return RECEIPT_EXIT.rejected;
  return check.expired ? RECEIPT_EXIT.expired : RECEIPT_EXIT.valid;
}
