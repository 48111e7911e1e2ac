/** Settings → Policy: whether a managed policy is in force, from which file, and the rules verifications follow. */
import { useEffect, useId } from 'react';
import type { PolicyView } from '../../../../contract/policy/view';
import { usePolicy } from '../../stores/policy';
import { Notice } from '../Notice';

const per = (n: number, what: string): string => `${n} ${what}${n === 1 ? '' : 's'}`;
const seconds = (s: number): string => (s % 60 === 0 && s >= 60 ? per(s / 60, 'minute') : per(s, 'second'));

/** The rules as label and value, in plain words. */
export function policyFacts(view: PolicyView): { label: string; value: string }[] {
  const { limits, assurance } = view;
  return [
    { label: 'Request types', value: view.reasons.length > 0 ? view.reasons.join('; ') : 'None listed: the agent writes the reason' },
    { label: 'Ticket reference', value: view.ticketFormats.length > 0 ? view.ticketFormats.map((f) => `${f.words} (for example ${f.example})`).join(', or ') : 'Any reference (letters, digits and . / # : - _)' },
    { label: 'After each verification of an account', value: limits.cooldownSeconds > 0 ? `No new push to it for ${seconds(limits.cooldownSeconds)}` : 'No pause' },
    { label: 'Verifications of one account', value: `At most ${limits.perTargetPerHour} per hour` },
    { label: 'Verifications by one operator', value: `At most ${limits.perOperatorPerHour} per hour` },
    { label: 'Methods lookups', value: `At most ${limits.lookupsPerOperatorPerHour} per operator and ${limits.lookupsPerTargetPerHour} per account, per hour` },
    { label: 'Waiting for an answer', value: `At most ${seconds(limits.pendingSeconds)}, then TIMED OUT` },
    { label: 'Lock', value: `After a fraud report, or ${per(limits.lockAfterDenials, 'denial')} within ${per(limits.denialWindowHours, 'hour')}; an administrator clears it` },
    {
      label: 'Assurance needed',
      value:
        `${assurance.minimum.toUpperCase()} for every account` +
        (assurance.privilegedEntries > 0 ? `; ${assurance.privilegedMinimum.toUpperCase()} for ${per(assurance.privilegedEntries, 'privileged account or pattern')}` : '') +
        (assurance.privilegedGroups > 0 ? `; privileged groups are named, which no provider here can check, so every account needs ${assurance.privilegedMinimum.toUpperCase()}` : ''),
    },
    { label: 'Second method', value: `Within ${seconds(assurance.secondMethodWindowSeconds)} of an approval, the two together count as HIGH` },
    {
      label: 'Second operator’s approval',
      value: assurance.secondApproval === 'sign-in' ? 'A second operator signs in and approves' : assurance.secondApproval === 'attested' ? 'A colleague named at this desk (not signed in: it authenticates nobody)' : 'Not available here (needs operator sign-in)',
    },
    { label: 'Verification tokens', value: `Valid ${seconds(view.tokenLifetimeSeconds)} after an approval, once` },
  ];
}

export function PolicySummary() {
  const ids = useId();
  const view = usePolicy((s) => s.view);
  const error = usePolicy((s) => s.error);
  const load = usePolicy((s) => s.load);
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <section className="card policy-summary" aria-labelledby={`${ids}-title`} data-testid="policy-summary">
      <h2 id={`${ids}-title`} className="card-title">
        Policy
      </h2>
      {error ? <Notice tone="error">{error}</Notice> : null}
      {view ? (
        <>
          <p data-testid="policy-source">
            {view.source ? (
              <>
                <span className="badge badge-managed">Managed</span> Your organisation’s policy is in force: <code className="path">{view.source}</code>. Settings
                marked Managed cannot be changed here.
              </>
            ) : (
              <>
                No managed policy is deployed, so the app’s defaults apply and only the sandbox’s simulated providers can be used: nobody has
                said who may use a real one. An administrator can deploy a policy at <code className="path">{view.location}</code>.
              </>
            )}
          </p>
          <dl className="profile-facts policy-facts">
            {policyFacts(view).map((fact) => (
              <div key={fact.label}>
                <dt>{fact.label}</dt>
                <dd>{fact.value}</dd>
              </div>
            ))}
          </dl>
        </>
      ) : null}
    </section>
  );
}
