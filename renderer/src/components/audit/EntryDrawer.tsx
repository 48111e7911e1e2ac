/** Every field of one audit entry, with the entries linked to it (its request, its outcome). */
import type { AuditEntryView } from '../../../../contract/audit';
import { formatLocalTime } from '../../lib/format';
import { useAudit } from '../../stores/audit';

function Fields({ entry }: { entry: AuditEntryView }) {
  const rows: [string, string | null][] = [
    ['Sequence', `#${entry.seq} (key epoch ${entry.epoch})`],
    ['Time (UTC)', entry.time],
    ['Local time', entry.time ? formatLocalTime(entry.time) : null],
    ['Monotonic clock', `${entry.mono.toFixed(3)} ms`],
    ['Event', entry.event],
    ['Action', entry.action],
    ['Outcome', entry.reasonCode ? `${entry.outcome} (${entry.reasonCode})` : entry.outcome],
    ['Operator', entry.operator],
    ['Target as typed', entry.target],
    ['Target (canonical)', entry.targetCanonical],
    ['Profile', entry.profileName ? `${entry.profileName}${entry.sandbox ? ' (sandbox)' : ''}` : null],
    ['Provider', entry.provider],
    ['Endpoint host', entry.endpointHost],
    ['Method', entry.method],
    ['Reason', entry.reason],
    ['Ticket', entry.ticket],
    ['Concludes entry', entry.link ? `#${entry.link}` : null],
    ['Detail', entry.detail],
    ['App version', entry.appVersion],
    ['Device', entry.deviceId],
    ['Process', `${entry.instance} (pid ${entry.pid})`],
    ['MAC', entry.mac],
  ];
  return (
    <dl className="entry-fields">
      {rows.filter(([, value]) => value !== null && value !== '').map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
      {Object.keys(entry.refs).length > 0 ? (
        <div>
          <dt>Provider references</dt>
          <dd>{Object.entries(entry.refs).map(([k, v]) => `${k}: ${v}`).join(', ')}</dd>
        </div>
      ) : null}
    </dl>
  );
}

export function EntryDrawer() {
  const selected = useAudit((s) => s.selected);
  const select = useAudit((s) => s.select);
  if (!selected) return null;
  const { entry, related } = selected;
  return (
    <aside className="entry-drawer" aria-label={`Audit entry ${entry.seq}`} data-testid="entry-drawer">
      <div className="entry-drawer-head">
        <h2 className="section-title">Entry #{entry.seq}</h2>
        <button type="button" className="button button-quiet" onClick={() => void select(null)}>
          Close
        </button>
      </div>
      {entry.damaged ? <p className="field-error">{entry.damaged}</p> : <Fields entry={entry} />}
      {entry.data !== null ? (
        <details open>
          <summary>Structured detail</summary>
          <pre className="entry-data">{JSON.stringify(entry.data, null, 2)}</pre>
        </details>
      ) : null}
      {related.length > 0 ? (
        <>
          <h3 className="section-title">Linked entries</h3>
          <ul className="related-list">
            {related.map((r) => (
              <li key={r.seq}>
                <button type="button" className="button button-quiet" onClick={() => void select(r.seq)}>
                  #{r.seq} {r.event} — {r.outcome}
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </aside>
  );
}
