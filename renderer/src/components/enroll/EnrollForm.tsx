/** Whom to enroll and why: profile, the user's account (and password, where the provider asks), reason, ticket. */
import { useId, type RefObject } from 'react';
import { contractFor } from '../../../../contract/providers/index';
import { ENROLL_REASON_MIN, enrollableProfiles, startBlocker } from '../../lib/enrollRules';
import { useEnrollment } from '../../stores/enrollment';
import { screenHref } from '../../stores/nav';
import { useProfiles } from '../../stores/profiles';
import { Notice } from '../Notice';

export function EnrollForm({ subjectInputRef }: { subjectInputRef: RefObject<HTMLInputElement | null> }) {
  const ids = useId();
  const profiles = enrollableProfiles(useProfiles((s) => s.profiles));
  const loaded = useProfiles((s) => s.loaded);
  const profileId = useEnrollment((s) => s.profileId);
  const setProfile = useEnrollment((s) => s.setProfile);
  const form = useEnrollment((s) => s.form);
  const setField = useEnrollment((s) => s.setField);
  const starting = useEnrollment((s) => s.starting);
  const startError = useEnrollment((s) => s.startError);
  const start = useEnrollment((s) => s.start);
  const selected = profiles.find((p) => p.id === profileId) ?? null;
  const contract = selected ? contractFor(selected.kind) : null;
  const spec = selected && contract?.enrollment ? contract.enrollment(selected.settings as never) : null;
  const subjectSpec = selected && contract ? contract.subject(selected.settings as never) : null;
  const blocker = startBlocker(form, selected !== null, spec);

  return (
    <form
      className="card verify-form enroll-form"
      aria-labelledby={`${ids}-title`}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (!blocker && !starting) void start(spec);
      }}
    >
      <h2 id={`${ids}-title`} className="card-title">
        User
      </h2>
      <Notice tone="warning">
        Enroll only a user you have already verified. Whoever scans the QR code can sign in as this account.
      </Notice>

      <div className="field">
        <label htmlFor={`${ids}-profile`}>Profile</label>
        {profiles.length > 0 ? (
          <select id={`${ids}-profile`} value={profileId ?? ''} disabled={starting} onChange={(event) => setProfile(event.target.value)}>
            {profiles.map((p) => (
              <option key={p.id} value={p.id}>
                {p.sandbox && !/sandbox/i.test(p.displayName) ? `${p.displayName} (Sandbox)` : p.displayName}
              </option>
            ))}
          </select>
        ) : (
          <p className="field-note">
            {loaded ? 'No profile can enroll an authenticator yet. ' : 'Loading profiles…'}
            {loaded ? <a href={screenHref('settings')}>Add a VisualGuard or App authenticator profile in Settings.</a> : null}
          </p>
        )}
      </div>

      <div className="field">
        <label htmlFor={`${ids}-subject`}>{subjectSpec ? subjectSpec.label : 'Account'}</label>
        <input
          ref={subjectInputRef}
          id={`${ids}-subject`}
          type="text"
          autoComplete="off"
          spellCheck={false}
          placeholder={subjectSpec?.placeholder}
          aria-required="true"
          aria-describedby={subjectSpec ? `${ids}-subject-hint` : undefined}
          value={form.subject}
          disabled={starting}
          onChange={(event) => setField('subject', event.target.value)}
        />
        {subjectSpec ? (
          <p id={`${ids}-subject-hint`} className="field-hint">
            {subjectSpec.hint}
          </p>
        ) : null}
      </div>

      {spec?.password ? (
        <div className="field">
          <label htmlFor={`${ids}-password`}>{spec.password.label}</label>
          <input
            id={`${ids}-password`}
            type="password"
            autoComplete="off"
            aria-required="true"
            aria-describedby={`${ids}-password-hint`}
            value={form.userPassword}
            disabled={starting}
            onChange={(event) => setField('userPassword', event.target.value)}
          />
          <p id={`${ids}-password-hint`} className="field-hint">
            {spec.password.hint}
          </p>
        </div>
      ) : null}

      <div className="field">
        <label htmlFor={`${ids}-reason`}>Reason</label>
        <textarea
          id={`${ids}-reason`}
          rows={2}
          maxLength={500}
          aria-required="true"
          aria-describedby={`${ids}-reason-hint`}
          value={form.reason}
          disabled={starting}
          onChange={(event) => setField('reason', event.target.value)}
        />
        <p id={`${ids}-reason-hint`} className="field-hint">
          Why the user needs an authenticator now, such as “new phone” (at least {ENROLL_REASON_MIN} characters). It is recorded in the audit log.
        </p>
      </div>

      <div className="field">
        <label htmlFor={`${ids}-ticket`}>Ticket reference</label>
        <input
          id={`${ids}-ticket`}
          type="text"
          autoComplete="off"
          spellCheck={false}
          maxLength={64}
          aria-required="true"
          placeholder="INC0012345"
          value={form.ticket}
          disabled={starting}
          onChange={(event) => setField('ticket', event.target.value)}
        />
      </div>

      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={blocker !== null || starting} aria-describedby={blocker ? `${ids}-blocker` : undefined}>
          {starting ? 'Preparing the QR code…' : 'Show QR code'}
        </button>
        {blocker && !starting ? (
          <p id={`${ids}-blocker`} className="field-hint send-blocker">
            {blocker}
          </p>
        ) : null}
      </div>

      {startError ? (
        <Notice tone="error" title="The enrollment did not start">
          {startError}
        </Notice>
      ) : null}
    </form>
  );
}
