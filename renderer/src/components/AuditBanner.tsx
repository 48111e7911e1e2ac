/** Shown on every screen while the audit log cannot vouch for new requests (broken, damaged, writes waiting). */
import { useEffect } from 'react';
import { api } from '../lib/api';
import { useAudit } from '../stores/audit';
import { screenHref } from '../stores/nav';
import { selectMayCall, useSession } from '../stores/session';

export function AuditBanner() {
  const integrity = useAudit((s) => s.integrity);
  // Asked only once the roles allow it: a refused call is an audit event, and a signed-out start is not an attempt.
  const allowed = useSession(selectMayCall('audit:integrity'));
  useEffect(() => {
    if (!allowed) return undefined;
    void useAudit.getState().loadIntegrity();
    return api().events.onIntegrityChanged((view) => useAudit.getState().applyIntegrity(view));
  }, [allowed]);
  if (!allowed || !integrity || integrity.requestsAllowed || integrity.state === 'checking') return null;
  return (
    <div className="banner" role="alert" data-testid="audit-banner">
      <p>
        <strong>Requests to identity providers are paused.</strong> {integrity.message}{' '}
        <a href={screenHref('audit')}>Open the audit log</a>
      </p>
    </div>
  );
}
