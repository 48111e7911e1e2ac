/** What exactly is being approved: the fields, the transaction code, the rule, and the approvals so far. */
import type { ReleaseView } from '../../../../contract/approvals-view';
import { formatLocalTime } from '../../lib/format';
import { grouped } from '../../lib/releaseForm';
import { factorLabel } from './words';

export function ReleaseSummary({ release }: { release: ReleaseView }) {
  return (
    <div className="release-summary">
      <dl className="release-fields">
        <dt>Reference</dt>
        <dd>{release.reference}</dd>
        <dt>Amount</dt>
        <dd className="release-amount">
          {release.amount} {release.currency}
        </dd>
        <dt>Beneficiary</dt>
        <dd>{release.beneficiary}</dd>
        <dt>{release.accountType === 'iban' ? 'IBAN' : 'Account'}</dt>
        <dd className="mono">{grouped(release.account)}</dd>
        <dt>Purpose</dt>
        <dd>{release.purpose}</dd>
      </dl>
      <p className="transaction-code">
        <span className="transaction-code-label">Transaction code</span>{' '}
        <span className="transaction-code-value" data-testid="transaction-code">
          {release.shortHash}
        </span>
      </p>
      <details className="status-details">
        <summary>Full hash</summary>
        <p className="mono break">SHA-256 {release.hash}</p>
        <p className="field-hint">Hash of the fields above in RFC 8785 canonical JSON. A receipt carries both.</p>
      </details>
      <p className="release-rule">{release.rule} An approval lapses after {release.windowMinutes} minutes unless the release is complete.</p>
      <h3 className="section-title">
        Approvals: {release.approvals.length} of {release.requiredApprovers}
      </h3>
      {release.approvals.length > 0 ? (
        <ul className="approval-list" data-testid="approval-list">
          {release.approvals.map((a) => (
            <li key={a.subject}>
              <strong>{a.email ?? a.subject}</strong> <span className="mono muted">{a.subject}</span> with {factorLabel[a.factor]} at{' '}
              <time dateTime={a.approvedAt}>{formatLocalTime(a.approvedAt)}</time>
              {release.status === 'open' ? (
                <>
                  {' '}
                  · lapses at <time dateTime={a.expiresAt}>{formatLocalTime(a.expiresAt)}</time>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="field-note">No approvals yet.</p>
      )}
    </div>
  );
}
