/**
 * Audit log: the tamper-evident trail, newest first, filtered and searched in main (indexes, never a full
 * copy here), with its integrity status, an entry's full detail, and exports an auditor can verify offline.
 */
import { useEffect, useId, useState } from 'react';
import { AuditTable } from '../components/audit/AuditTable';
import { EntryDrawer } from '../components/audit/EntryDrawer';
import { IntegrityPanel } from '../components/audit/IntegrityPanel';
import { Notice } from '../components/Notice';
import { ScreenHeading } from '../components/ScreenHeading';
import { useDebounced } from '../components/useDebounced';
import { api } from '../lib/api';
import { eventLabels, outcomeChoices } from '../lib/auditVocabulary';
import { emptyFilters, useAudit, type AuditFilters } from '../stores/audit';

function TextFilter({ id, label, name, placeholder }: { id: string; label: string; name: keyof AuditFilters; placeholder?: string }) {
  const value = useAudit((s) => s.filters[name]);
  const [text, setText] = useState(value);
  const debounced = useDebounced(text, 300);
  useEffect(() => {
    if (debounced !== useAudit.getState().filters[name]) useAudit.getState().setFilters({ [name]: debounced });
  }, [debounced, name]);
  return (
    <div className="field field-compact">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="search" autoComplete="off" spellCheck={false} maxLength={200} placeholder={placeholder} value={text} onChange={(e) => setText(e.target.value)} />
    </div>
  );
}

export function AuditScreen() {
  const ids = useId();
  const filters = useAudit((s) => s.filters);
  const setFilters = useAudit((s) => s.setFilters);
  const total = useAudit((s) => s.total);
  const totalExact = useAudit((s) => s.totalExact);
  const loaded = useAudit((s) => s.loaded);
  const error = useAudit((s) => s.error);
  const exporting = useAudit((s) => s.exporting);
  const exported = useAudit((s) => s.exported);
  const actionError = useAudit((s) => s.actionError);
  const exportLog = useAudit((s) => s.exportLog);
  const [filterKey, setFilterKey] = useState(0);

  useEffect(() => {
    void useAudit.getState().reload();
    void useAudit.getState().loadIntegrity();
    const stopAudit = api().events.onAuditChanged(() => {
      // New entries appear at the top; a reader scrolled further down keeps their place.
      if (useAudit.getState().pages.has(0)) void useAudit.getState().reload();
    });
    const stopIntegrity = api().events.onIntegrityChanged((view) => useAudit.getState().applyIntegrity(view));
    return () => {
      stopAudit();
      stopIntegrity();
    };
  }, []);

  return (
    <div className="screen audit-screen">
      <ScreenHeading>Audit log</ScreenHeading>
      <IntegrityPanel />
      <div className="audit-filters" key={filterKey} role="search" aria-label="Filter the audit log">
        <TextFilter id={`${ids}-search`} label="Search" name="search" placeholder="Reason, ticket or account…" />
        <div className="field field-compact">
          <label htmlFor={`${ids}-from`}>From</label>
          <input id={`${ids}-from`} type="datetime-local" value={filters.from} onChange={(e) => setFilters({ from: e.target.value })} />
        </div>
        <div className="field field-compact">
          <label htmlFor={`${ids}-to`}>To</label>
          <input id={`${ids}-to`} type="datetime-local" value={filters.to} onChange={(e) => setFilters({ to: e.target.value })} />
        </div>
        <TextFilter id={`${ids}-operator`} label="Operator" name="operator" />
        <TextFilter id={`${ids}-target`} label="Target account" name="target" />
        <TextFilter id={`${ids}-provider`} label="Provider" name="provider" placeholder="entra" />
        <div className="field field-compact">
          <label htmlFor={`${ids}-event`}>Event</label>
          <select id={`${ids}-event`} value={filters.event} onChange={(e) => setFilters({ event: e.target.value })}>
            <option value="">Any event</option>
            {Object.entries(eventLabels).map(([name, label]) => <option key={name} value={name}>{label} ({name})</option>)}
          </select>
        </div>
        <div className="field field-compact">
          <label htmlFor={`${ids}-outcome`}>Outcome</label>
          <select id={`${ids}-outcome`} value={filters.outcome} onChange={(e) => setFilters({ outcome: e.target.value })}>
            <option value="">Any outcome</option>
            {outcomeChoices.map((name) => <option key={name} value={name}>{name}</option>)}
          </select>
        </div>
        <button type="button" className="button button-quiet" onClick={() => {
            setFilters(emptyFilters);
            setFilterKey((k) => k + 1);
          }}>
          Clear filters
        </button>
      </div>
      <div className="toolbar">
        <span className="toolbar-status" role="status" id={`${ids}-caption`}>
          {loaded ? `${total.toLocaleString()}${totalExact ? '' : '+'} ${total === 1 ? 'entry' : 'entries'}` : 'Loading…'}
        </span>
        <button type="button" className="button" disabled={exporting !== null} onClick={() => void exportLog('csv')}>
          {exporting === 'csv' ? 'Exporting…' : 'Export CSV'}
        </button>
        <button type="button" className="button" disabled={exporting !== null} onClick={() => void exportLog('jsonl')}>
          {exporting === 'jsonl' ? 'Exporting…' : 'Export JSON Lines'}
        </button>
      </div>
      {exported ? (
        <Notice tone="info" title="Export written">
          <p data-testid="export-result">
            {exported.entries.toLocaleString()} entries to <code>{exported.path}</code>, sealed by signed checkpoint #{exported.checkpointSeq}.
            SHA-256 <code className="fingerprint">{exported.sha256}</code>. Check it anywhere with <code>npm run audit:verify -- &lt;file&gt;</code>.
          </p>
        </Notice>
      ) : null}
      {error ? <Notice tone="error" title="Could not load the audit log">{error}</Notice> : null}
      {actionError ? <Notice tone="error">{actionError}</Notice> : null}
      <div className="audit-body">
        <AuditTable labelledBy={`${ids}-caption`} />
        <EntryDrawer />
      </div>
    </div>
  );
}
