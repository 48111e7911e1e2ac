/** Receipts as the Approvals screen uses them: one with its JWS, its export, and the public key to verify it with. */
import type { PublicKeyView, ReceiptDetailView } from '../../../contract/approvals-view.js';
import { AppError } from '../errors.js';
import { viaKeychain } from '../profiles.js';
import type { SecretStore } from '../secrets.js';
import type { ApprovalAudit } from './audit.js';
import { describePublicKey, loadSigningKey } from './receipts/signing-key.js';
import type { ReceiptStore } from './receipts/store.js';

export interface ReceiptActionDeps {
  audit: ApprovalAudit;
  receipts: ReceiptStore;
  secrets: SecretStore;
  saveFile(suggestedName: string, contents: string): Promise<string | null>;
}

export interface ReceiptActions {
  receipt(id: string): ReceiptDetailView;
  exportReceipt(id: string): Promise<{ path: string | null }>;
  publicKey(): Promise<PublicKeyView>;
  exportPublicKey(): Promise<{ path: string | null }>;
}

export function createReceiptActions(deps: ReceiptActionDeps): ReceiptActions {
  const stored = (id: string) => {
    const found = deps.receipts.get(id);
    if (!found) throw new AppError('not_found', 'That receipt does not exist.');
    return found;
  };
  // Reading the key creates it on first use; a keychain failure is told plainly (viaKeychain).
  const publicKey = async () => describePublicKey((await viaKeychain(() => loadSigningKey(deps.secrets))).publicKey);
  return {
    receipt(id) {
      const found = stored(id);
      return { ...found.view, jws: found.jws };
    },
    async exportReceipt(id) {
      const found = stored(id);
      const name = `receipt-${found.view.reference.replace(/[^A-Za-z0-9-]+/g, '_').slice(0, 35)}-${id.slice(0, 8)}.jws`;
      const path = await deps.saveFile(name, `${found.jws}\n`);
      deps.audit.record(null, 'approval.receipt.export', path ? 'exported' : 'cancelled', null, { receiptId: id }, found.view.reference);
      return { path };
    },
    async publicKey() {
      const described = await publicKey();
      return { keyId: described.keyId, pem: described.pem, jwk: JSON.stringify(described.jwk) };
    },
    async exportPublicKey() {
      const described = await publicKey();
      const path = await deps.saveFile('mfa-approver-receipt-key.pem', described.pem);
      deps.audit.record(null, 'approval.key.export', path ? 'exported' : 'cancelled', `key ${described.keyId}`);
      return { path };
    },
  };
}
