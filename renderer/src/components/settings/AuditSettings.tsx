/** Settings → Audit log: where the app log is, how long entries are kept, and where entries are forwarded. */
import { useEffect, useId, useState } from 'react';
import type { ForwardDestinationInput, ForwardKind, ForwardStatusView } from '../../../../contract/audit';
import { formatLocalTime } from '../../lib/format';
import { useAuditSettings } from '../../stores/auditSettings';
import { useAppInfo } from '../../stores/appInfo';
import { selectManaged, usePolicy } from '../../stores/policy';
import { Notice } from '../Notice';
import { ManagedBadge } from './ManagedBadge';

const kindLabels: Record<ForwardKind, string> = {
  'syslog-tls': 'Syslog over TLS (RFC 5424)',
  webhook: 'HTTPS webhook (JSON)',
  'splunk-hec': 'Splunk HTTP Event Collector',
};

function Destination({ status }: { status: ForwardStatusView }) {
  const ids = useId();
  const remove = useAuditSettings((s) => s.removeDestination);
  const setToken = useAuditSettings((s) => s.setToken);
  const [token, setTokenText] = useState('');
  const d = status.destination;
  const where = d.kind === 'syslog-tls' ? `${d.host}:${d.port}` : d.url;
  return (
    <li className="card" data-testid="forward-destination">
      <p className="card-title">
        {d.name} {d.enabled ? null : <span className="badge">Disabled</span>} {status.managed ? <span className="badge badge-managed">Managed</span> : null}
      </p>
      <p>{kindLabels[d.kind]} → <code className="path">{where}</code></p>
      <p data-testid="forward-backlog">
        Backlog: {status.backlog.toLocaleString()} {status.backlog === 1 ? 'entry' : 'entries'} · delivered through #{status.deliveredSeq}
        {status.lastDeliveryAt ? ` · last delivery ${formatLocalTime(status.lastDeliveryAt)}` : ''}
      </p>
      {status.lastError ? (
        <p className="field-error">
          Last attempt failed: {status.lastError}.{status.nextAttemptAt ? ` Next try ${formatLocalTime(status.nextAttemptAt)}.` : ''}
        </p>
      ) : null}
      {d.kind !== 'syslog-tls' ? (
        <form
          className="field-row"
          onSubmit={(event) => {
            event.preventDefault();
            void setToken(d.id, token).then((done) => done && setTokenText(''));
          }}
        >
          <label htmlFor={`${ids}-token`}>{d.kind === 'splunk-hec' ? 'HEC token' : 'Bearer token'} ({status.secretSet ? 'set' : 'not set'})</label>
          <input id={`${ids}-token`} type="password" autoComplete="off" value={token} onChange={(e) => setTokenText(e.target.value)} />
          <button type="submit" className="button" disabled={token.trim() === ''}>Store in keychain</button>
        </form>
      ) : null}
      {status.managed ? (
        <p className="field-hint">Set by your organisation’s policy: it cannot be changed or removed here.</p>
      ) : (
        <button type="button" className="button button-danger" onClick={() => void remove(d.id)}>Remove</button>
      )}
    </li>
  );
}

function AddDestination() {
  const ids = useId();
  const save = useAuditSettings((s) => s.saveDestination);
  const [kind, setKind] = useState<ForwardKind>('syslog-tls');
  const [name, setName] = useState('');
  const [host, setHost] = useState('');
  const [port, setPort] = useState('6514');
  const [url, setUrl] = useState('');
  const [caPem, setCaPem] = useState('');
  const submit = async (): Promise<void> => {
    const common = { name, enabled: true, ...(caPem.trim() ? { caPem: caPem.trim() } : {}) };
    const input: ForwardDestinationInput =
      kind === 'syslog-tls' ? { ...common, kind, host, port: Number(port) } : { ...common, kind, url };
    if (await save(input)) {
      setName('');
      setHost('');
      setUrl('');
      setCaPem('');
    }
  };
  return (
    <form className="card form-grid" aria-label="Add a forwarding destination" onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}>
      <div className="field">
        <label htmlFor={`${ids}-kind`}>Kind</label>
        <select id={`${ids}-kind`} value={kind} onChange={(e) => setKind(e.target.value as ForwardKind)}>
          {(Object.keys(kindLabels) as ForwardKind[]).map((k) => <option key={k} value={k}>{kindLabels[k]}</option>)}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${ids}-name`}>Name</label>
        <input id={`${ids}-name`} value={name} onChange={(e) => setName(e.target.value)} />
      </div>
      {kind === 'syslog-tls' ? (
        <>
          <div className="field">
            <label htmlFor={`${ids}-host`}>Host</label>
            <input id={`${ids}-host`} value={host} onChange={(e) => setHost(e.target.value)} placeholder="siem.corp.example" />
          </div>
          <div className="field">
            <label htmlFor={`${ids}-port`}>Port</label>
            <input id={`${ids}-port`} inputMode="numeric" value={port} onChange={(e) => setPort(e.target.value)} />
          </div>
        </>
      ) : (
        <div className="field">
          <label htmlFor={`${ids}-url`}>URL (https)</label>
          <input id={`${ids}-url`} value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://splunk.corp.example:8088" />
        </div>
      )}
      <div className="field">
        <label htmlFor={`${ids}-ca`}>Trusted CA certificate (PEM, optional)</label>
        <textarea id={`${ids}-ca`} rows={3} value={caPem} onChange={(e) => setCaPem(e.target.value)} />
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={name.trim() === ''}>Add destination</button>
      </div>
    </form>
  );
}

export function AuditSettings() {
  const ids = useId();
  const settings = useAuditSettings((s) => s.settings);
  const destinations = useAuditSettings((s) => s.destinations);
  const error = useAuditSettings((s) => s.error);
  const note = useAuditSettings((s) => s.note);
  const load = useAuditSettings((s) => s.load);
  const openLogFolder = useAuditSettings((s) => s.openLogFolder);
  const setRetention = useAuditSettings((s) => s.setRetention);
  const shell = useAppInfo((s) => s.info?.shell);
  const retentionManaged = usePolicy(selectManaged('audit.retention'));
  const userDestinations = usePolicy((s) => s.view?.userDestinations ?? true);
  const [days, setDays] = useState('');
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => setDays(settings?.retentionDays ? String(settings.retentionDays) : ''), [settings?.retentionDays]);
  if (!settings) return null;
  return (
    <section className="card audit-settings" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`} className="section-title">Audit log and app log</h2>
      {error ? <Notice tone="error">{error}</Notice> : null}
      {note ? <Notice tone="info">{note}</Notice> : null}
      <p>
        App log folder: <code className="path" data-testid="log-folder">{settings.logFolder}</code>{' '}
        {settings.canOpenFolders ? (
          <button type="button" className="button" onClick={() => void openLogFolder()}>Open folder</button>
        ) : shell === 'browser' ? (
          <span className="field-hint">(the browser shell cannot open folders; the path is above)</span>
        ) : null}
      </p>
      {retentionManaged ? (
        <>
          <p data-testid="retention-managed">
            Audit entries are kept {settings.retentionDays === null ? 'forever' : `for ${settings.retentionDays} days`}.
          </p>
          <ManagedBadge what="How long audit entries are kept" />
        </>
      ) : (
        <form
          className="field-row"
          onSubmit={(event) => {
            event.preventDefault();
            void setRetention(days.trim() === '' ? null : Number(days));
          }}
        >
          <label htmlFor={`${ids}-days`}>Keep audit entries for (days; empty keeps everything)</label>
          <input id={`${ids}-days`} inputMode="numeric" value={days} onChange={(e) => setDays(e.target.value)} />
          <button type="submit" className="button">Save retention</button>
        </form>
      )}
      <h3 className="section-title">Forwarding</h3>
      <p className="field-hint">Every entry is sent in order, at least once (receivers can drop repeats by sequence number), and retried until delivered.</p>
      <ul className="profile-list" aria-label="Forwarding destinations">
        {destinations.map((d) => <Destination key={d.destination.id} status={d} />)}
      </ul>
      {userDestinations ? <AddDestination /> : <ManagedBadge what="Where audit entries are forwarded" />}
    </section>
  );
}
