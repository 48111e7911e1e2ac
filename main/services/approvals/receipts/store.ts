/**
 * Issued receipts in SQLite, for the history on the Approvals screen and for export. A receipt holds no
 * secret (subjects, factors, the transaction and its signature), so it may be stored and shown.
 */
import type { ReceiptView } from '../../../../contract/approvals-view.js';
import type { Database } from '../../db/database.js';
import { receiptPayloadSchema } from './format.js';
import type { IssuedReceipt } from './issue.js';

export interface StoredReceipt {
  view: ReceiptView;
  jws: string;
}

export interface ReceiptStore {
  save(issued: IssuedReceipt): void;
  get(id: string): StoredReceipt | null;
  /** Newest first. */
  list(limit: number): ReceiptView[];
}

interface Row {
  id: string;
  issued_at: number;
  payload: string;
  jws: string;
  key_id: string;
}

const iso = (seconds: number): string => new Date(seconds * 1000).toISOString();

function toView(row: Row): ReceiptView {
  const payload = receiptPayloadSchema.parse(JSON.parse(row.payload));
  const { fields } = payload.txn;
  return {
    id: row.id,
    reference: fields.reference,
    amount: fields.amount,
    currency: fields.currency,
    beneficiary: fields.beneficiary,
    shortHash: payload.txn.short,
    hash: payload.txn.hash,
    approvers: payload.approvers.map((a) => ({ subject: a.sub, email: a.email, factor: a.factor, approvedAt: iso(a.at) })),
    issuedAt: iso(payload.iat),
    expiresAt: iso(payload.exp),
    sandbox: payload.sandbox,
    keyId: row.key_id,
  };
}

export function createReceiptStore(db: Database): ReceiptStore {
  const insert = db.prepare('INSERT INTO approval_receipts (id, issued_at, payload, jws, key_id) VALUES (?, ?, ?, ?, ?)');
  const byId = db.prepare<[string], Row>('SELECT * FROM approval_receipts WHERE id = ?');
  const newest = db.prepare<[number], Row>('SELECT * FROM approval_receipts ORDER BY issued_at DESC, rowid DESC LIMIT ?');
  return {
    save: (issued) => void insert.run(issued.payload.jti, issued.payload.iat, JSON.stringify(issued.payload), issued.jws, issued.keyId),
    get(id) {
      const row = byId.get(id);
      return row ? { view: toView(row), jws: row.jws } : null;
    },
    list: (limit) => newest.all(Math.min(Math.max(limit, 1), 500)).map(toView),
  };
}
