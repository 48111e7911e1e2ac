/**
 * The signed receipt of an approved release: who approved, with which factor, when, until when it is valid,
 * and the compact JWS to copy or export, with the public key anyone can verify it with offline.
 */
import { useId, useRef, useState } from 'react';
import type { ReceiptDetailView } from '../../../../contract/approvals-view';
import { formatLocalTime } from '../../lib/format';
import { useApprovals } from '../../stores/approvals';
import { factorLabel } from './words';

export function Receipt({ receipt }: { receipt: ReceiptDetailView }) {
  const ids = useId();
  const textRef = useRef<HTMLTextAreaElement>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const exportReceipt = useApprovals((s) => s.exportReceipt);
  const exportPublicKey = useApprovals((s) => s.exportPublicKey);
  const exported = useApprovals((s) => s.exported);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(receipt.jws);
      setCopied('Receipt copied.');
    } catch {
      // Clipboard access may be refused (permissions are denied to the window): select it for Ctrl+C instead.
      textRef.current?.focus();
      textRef.current?.select();
      setCopied('The receipt is selected: press Ctrl+C (⌘C) to copy it.');
    }
  };

  return (
    <section className="card receipt" aria-labelledby={`${ids}-title`} data-testid="receipt">
      <h3 id={`${ids}-title`} className="card-title">
        Signed receipt {receipt.sandbox ? <span className="badge badge-sandbox">Sandbox</span> : null}
      </h3>
      <dl className="release-fields">
        <dt>Release</dt>
        <dd>
          {receipt.reference}: {receipt.amount} {receipt.currency} to {receipt.beneficiary}
        </dd>
        <dt>Transaction code</dt>
        <dd className="mono">{receipt.shortHash}</dd>
        <dt>Approved by</dt>
        <dd>
          <ul className="approval-list">
            {receipt.approvers.map((a) => (
              <li key={a.subject}>
                {a.email ?? a.subject} <span className="mono muted">{a.subject}</span> with {factorLabel[a.factor]} at {formatLocalTime(a.approvedAt)}
              </li>
            ))}
          </ul>
        </dd>
        <dt>Issued</dt>
        <dd>{formatLocalTime(receipt.issuedAt)}</dd>
        <dt>Valid until</dt>
        <dd>{formatLocalTime(receipt.expiresAt)}</dd>
        <dt>Receipt id</dt>
        <dd className="mono">{receipt.id}</dd>
        <dt>Signing key</dt>
        <dd className="mono break">{receipt.keyId}</dd>
      </dl>
      <label htmlFor={`${ids}-jws`} className="section-title">
        Receipt (compact JWS)
      </label>
      <textarea ref={textRef} id={`${ids}-jws`} className="mono receipt-jws" readOnly rows={4} value={receipt.jws} data-testid="receipt-jws" />
      <div className="form-actions">
        <button type="button" className="button" onClick={() => void copy()}>
          Copy receipt
        </button>
        <button type="button" className="button" onClick={() => void exportReceipt(receipt.id)}>
          Export receipt file
        </button>
        <button type="button" className="button button-quiet" onClick={() => void exportPublicKey()}>
          Export public key
        </button>
      </div>
      <p role="status" className="field-hint">
        {copied ?? exported ?? 'Verify offline with: npm run receipt:verify -- FILE --key PUBLIC-KEY-FILE'}
      </p>
    </section>
  );
}
