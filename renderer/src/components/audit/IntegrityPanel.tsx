/** The trail's integrity: what the last check found, the Verify button, and the administrator's acknowledgement. */
import { useId, useState } from 'react';
import { formatLocalTime } from '../../lib/format';
import { useAudit } from '../../stores/audit';
import { selectMayCall, useSession } from '../../stores/session';

const words = { checking: 'Checking', ok: 'Verified', broken: 'Broken', acknowledged: 'Acknowledged', damaged: 'Damaged' } as const;

export function IntegrityPanel() {
  const ids = useId();
  const integrity = useAudit((s) => s.integrity);
  const verifying = useAudit((s) => s.verifying);
  const verify = useAudit((s) => s.verify);
  const acknowledge = useAudit((s) => s.acknowledge);
  const [note, setNote] = useState('');
  const mayAcknowledge = useSession(selectMayCall('audit:acknowledge'));
  if (!integrity) return null;
  const tone = integrity.state === 'ok' ? 'ok' : integrity.state === 'checking' || integrity.state === 'acknowledged' ? 'warning' : 'error';
  return (
    <section className={`integrity integrity-${tone}`} aria-labelledby={`${ids}-title`} data-testid="integrity">
      <div className="integrity-head">
        <h2 id={`${ids}-title`} className="section-title">
          Integrity: <span data-testid="integrity-state">{words[integrity.state]}</span>
        </h2>
        <button type="button" className="button" onClick={() => void verify()} disabled={verifying}>
          {verifying ? 'Verifying…' : 'Verify now'}
        </button>
      </div>
      <p role={integrity.requestsAllowed ? 'status' : 'alert'}>{integrity.message}</p>
      <dl className="integrity-facts">
        <dt>Entries checked</dt>
        <dd>{integrity.entriesChecked.toLocaleString()}{integrity.checkedAt ? ` · ${formatLocalTime(integrity.checkedAt)}` : ''}</dd>
        <dt>Last signed checkpoint</dt>
        <dd>{integrity.lastCheckpoint ? `#${integrity.lastCheckpoint.seq} · ${formatLocalTime(integrity.lastCheckpoint.time)}` : 'none yet'}</dd>
        <dt>Root key fingerprint</dt>
        <dd><code className="fingerprint">{integrity.rootFingerprint ?? 'unknown'}</code></dd>
      </dl>
      {integrity.problems.length > 0 ? (
        <details>
          <summary>{integrity.problems.length} problem{integrity.problems.length === 1 ? '' : 's'} found</summary>
          <ul className="integrity-problems">
            {integrity.problems.map((p) => (
              <li key={`${p.seq}-${p.problem}`}>Entry {p.seq}: {p.problem}</li>
            ))}
          </ul>
        </details>
      ) : null}
      {integrity.warnings.length > 0 ? (
        <details>
          <summary>{integrity.warnings.length} warning{integrity.warnings.length === 1 ? '' : 's'}</summary>
          <ul className="integrity-problems">
            {integrity.warnings.map((p) => (
              <li key={`${p.seq}-${p.problem}`}>Entry {p.seq}: {p.problem}</li>
            ))}
          </ul>
        </details>
      ) : null}
      {integrity.state === 'broken' && mayAcknowledge ? (
        <form
          className="acknowledge-form"
          onSubmit={(event) => {
            event.preventDefault();
            void acknowledge(note).then((done) => done && setNote(''));
          }}
        >
          <label htmlFor={`${ids}-note`}>Administrator: what did you check before acknowledging?</label>
          <textarea id={`${ids}-note`} rows={2} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} />
          <button type="submit" className="button button-danger" disabled={note.trim().length < 10}>
            Acknowledge and resume requests
          </button>
        </form>
      ) : null}
    </section>
  );
}
