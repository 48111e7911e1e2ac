/** Receipts issued so far (newest first), each a signed audit entry; one can be opened to copy or export it. */
import type { ReceiptView } from '../../../../contract/approvals-view';
import { formatLocalTime } from '../../lib/format';
import { useApprovals } from '../../stores/approvals';

export function ReceiptHistory({ receipts }: { receipts: ReceiptView[] }) {
  const openReceipt = useApprovals((s) => s.openReceipt);
  return (
    <section className="card receipt-history" aria-labelledby="receipt-history-title">
      <h2 id="receipt-history-title" className="card-title">
        History
      </h2>
      {receipts.length === 0 ? (
        <p className="field-note">No receipts yet.</p>
      ) : (
        <table className="history-table">
          <thead>
            <tr>
              <th scope="col">Issued</th>
              <th scope="col">Reference</th>
              <th scope="col">Amount</th>
              <th scope="col">Approvers</th>
              <th scope="col">Code</th>
              <th scope="col">
                <span className="visually-hidden">Receipt</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {receipts.map((r) => (
              <tr key={r.id} data-testid="receipt-row">
                <td>{formatLocalTime(r.issuedAt)}</td>
                <td>
                  {r.reference} {r.sandbox ? <span className="badge badge-sandbox">Sandbox</span> : null}
                </td>
                <td>
                  {r.amount} {r.currency}
                </td>
                <td>{r.approvers.map((a) => a.email ?? a.subject).join(', ')}</td>
                <td className="mono">{r.shortHash}</td>
                <td>
                  <button type="button" className="button button-quiet" onClick={() => void openReceipt(r.id)}>
                    Open<span className="visually-hidden"> receipt {r.reference}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
