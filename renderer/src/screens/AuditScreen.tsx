/** Audit log: newest entries, searchable, refreshed whenever main records something. */
import { useEffect, useId, useState } from 'react';
import type { AuditRow } from '../../../contract/domain';
import { Breakable } from '../components/Breakable';
import { ScreenHeading } from '../components/ScreenHeading';
import { Notice } from '../components/Notice';
import { useDebounced } from '../components/useDebounced';
import { api } from '../lib/api';
import { formatLocalTime } from '../lib/format';
import { presentOutcome } from '../lib/status';
import { AUDIT_LIMIT, useAudit } from '../stores/audit';

const dash = '—';

function OutcomeCell({ outcome }: { outcome: string }) {
  const presentation = presentOutcome(outcome);
  return <span className={`outcome-badge tone-${presentation.tone}`}>{presentation.word}</span>;
}

function Row({ row }: { row: AuditRow }) {
  return (
    <tr data-testid="audit-row">
      <td className="time-cell">
        <time dateTime={row.startedAt}>{formatLocalTime(row.startedAt)}</time>
      </td>
      <td>
        <OutcomeCell outcome={row.outcome} />
      </td>
      <td className="target-cell">{row.target ? <Breakable text={row.target} /> : dash}</td>
      <td>{row.operator}</td>
      <td>{row.action}</td>
      <td className="profile-cell">
        {row.profileName ?? dash}
        {row.sandbox ? (
          <>
            {' '}
            <span className="badge badge-sandbox">Sandbox</span>
          </>
        ) : null}
      </td>
      <td className="reason-cell">{row.reason ?? dash}</td>
      <td className="nowrap">{row.ticket ?? dash}</td>
      <td className="code-cell">
        {row.outcomeCode ? (
          <code>
            <Breakable text={row.outcomeCode} />
          </code>
        ) : (
          dash
        )}
      </td>
    </tr>
  );
}

export function AuditScreen() {
  const ids = useId();
  const rows = useAudit((s) => s.rows);
  const loading = useAudit((s) => s.loading);
  const loaded = useAudit((s) => s.loaded);
  const error = useAudit((s) => s.error);
  const query = useAudit((s) => s.query);
  const load = useAudit((s) => s.load);
  const [search, setSearch] = useState(query);
  const debounced = useDebounced(search, 300);

  useEffect(() => {
    void load(debounced);
  }, [debounced, load]);

  useEffect(() => api().events.onAuditChanged(() => void useAudit.getState().load()), []);

  return (
    <div className="screen">
      <ScreenHeading>Audit log</ScreenHeading>
      <div className="toolbar">
        <div className="field field-inline">
          <label htmlFor={`${ids}-search`}>Search</label>
          <input
            id={`${ids}-search`}
            type="search"
            autoComplete="off"
            spellCheck={false}
            placeholder="Account, ticket, operator, outcome…"
            maxLength={200}
            value={search}
            onChange={(event) => setSearch(event.target.value)}
          />
        </div>
        <button type="button" className="button" onClick={() => void load()} disabled={loading}>
          Refresh
        </button>
        <span className="toolbar-status" role="status">
          {loading ? 'Loading…' : loaded ? `${rows.length} ${rows.length === 1 ? 'entry' : 'entries'}` : ''}
          {!loading && rows.length >= AUDIT_LIMIT ? ` (newest ${AUDIT_LIMIT} shown)` : ''}
        </span>
      </div>

      {error ? <Notice tone="error" title="Could not load the audit log">{error}</Notice> : null}

      {loaded && rows.length === 0 && !error ? (
        <p className="empty-state">
          {query ? `No audit entries match “${query}”.` : 'No audit entries yet. Every verification will be recorded here.'}
        </p>
      ) : null}

      {rows.length > 0 ? (
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby={`${ids}-caption`}>
          <table className="audit-table">
            <caption id={`${ids}-caption`} className="visually-hidden">
              Audit log entries
            </caption>
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Outcome</th>
                <th scope="col">Target</th>
                <th scope="col">Operator</th>
                <th scope="col">Action</th>
                <th scope="col">Profile</th>
                <th scope="col">Reason</th>
                <th scope="col">Ticket</th>
                <th scope="col">Code</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <Row key={row.id} row={row} />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
