/** Settings: whether the sandbox (simulated providers and their built-in profiles) is on. */
import { useEffect, useId, useState } from 'react';
import { useAppInfo } from '../../stores/appInfo';
import { selectManaged, usePolicy } from '../../stores/policy';
import { useProfiles } from '../../stores/profiles';
import { useSandbox } from '../../stores/sandbox';
import { Notice } from '../Notice';
import { ManagedBadge } from './ManagedBadge';

export function SandboxSetting() {
  const ids = useId();
  const offered = useAppInfo((s) => s.info?.sandboxOffered ?? false);
  const view = useSandbox((s) => s.view);
  const error = useSandbox((s) => s.error);
  const load = useSandbox((s) => s.load);
  const setEnabled = useSandbox((s) => s.setEnabled);
  const reloadProfiles = useProfiles((s) => s.load);
  const [busy, setBusy] = useState(false);
  const managed = usePolicy(selectManaged('sandbox'));

  useEffect(() => {
    if (offered) void load();
  }, [offered, load]);

  if (!offered) return null;
  const enabled = view?.enabled ?? false;

  return (
    <section className="card sandbox-setting" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`} className="card-title">
        Sandbox
      </h2>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={enabled}
          disabled={managed}
          aria-disabled={busy || !view || undefined}
          aria-describedby={`${ids}-hint`}
          onChange={async (event) => {
            // Not `disabled` while busy: the checkbox keeps focus instead of dropping it to the page.
            if (busy || !view || managed) return;
            setBusy(true);
            if (await setEnabled(event.target.checked)) await reloadProfiles();
            setBusy(false);
          }}
        />
        <span>Offer the sandbox (simulated identity providers on this computer)</span>
      </label>
      {managed ? <ManagedBadge what="Whether the sandbox is offered" /> : null}
      <p id={`${ids}-hint`} className="field-hint">
        Sandbox profiles talk to simulators, never to a real provider, and their results prove nothing about a real
        account. Every sandbox request is marked as such in the audit log.
      </p>
      {error ? <Notice tone="error">{error}</Notice> : null}
    </section>
  );
}
