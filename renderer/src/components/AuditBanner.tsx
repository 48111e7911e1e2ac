/** Shown on every screen while the audit log cannot vouch for new requests (broken, damaged, writes waiting). */
import { useEffect } from 'react';
import { api } from '../lib/api';
import { useAudit } from '../stores/audit';
import { screenHref } from '../stores/nav';

export function AuditBanner() {
  const integrity = useAudit((s) => s.integrity);
  useEffect(() => {
    void useAudit.getState().loadIntegrity();
    return api().events.onIntegrityChanged((view) => useAudit.getState().applyIntegrity(view));
  }, []);
  if (!integrity || integrity.requestsAllowed || integrity.state === 'checking') return null;
  return (
    <div className="banner" role="alert" data-testid="audit-banner">
      <p>
        <strong>Requests to identity providers are paused.</strong> {integrity.message}{' '}
        <a href={screenHref('audit')}>Open the audit log</a>
      </p>
    </div>
  );
}
