/**
 * Whom to enroll and why: profile, the user's account (and password, where the provider asks), reason,
 * ticket. Every field is checked when the button is pressed (the account with the provider's own rule); the
 * button is never disabled, so it can always be reached and always says why nothing happened.
 */
import type { RefObject } from 'react';
import { contractFor } from '../../../../contract/providers/index';
import { checkEnrollForm, ENROLL_REASON_MAX, ENROLL_REASON_MIN, ENROLL_TICKET_MAX, enrollableProfiles, enrollFields, type EnrollField } from '../../lib/enrollRules';
import { useEnrollment } from '../../stores/enrollment';
import { screenHref } from '../../stores/nav';
import { useProfiles } from '../../stores/profiles';
import { CheckedForm } from '../form/CheckedForm';
import { Field, FieldMessage } from '../form/Field';
import { FormStatus, submitProps } from '../form/FormStatus';
import { splitFieldMessage, withoutFieldPath } from '../form/messages';
import { useFieldErrors } from '../form/useFieldErrors';
import { Notice } from '../Notice';

const labels: Record<EnrollField, string> = { profile: 'Profile', subject: 'Account', userPassword: 'Password', reason: 'Reason', ticket: 'Ticket reference' };

export function EnrollForm({ subjectInputRef }: { subjectInputRef: RefObject<HTMLInputElement | null> }) {
  const profiles = enrollableProfiles(useProfiles((s) => s.profiles));
  const loaded = useProfiles((s) => s.loaded);
  const profilesError = useProfiles((s) => s.error);
  const profileId = useEnrollment((s) => s.profileId);
  const setProfile = useEnrollment((s) => s.setProfile);
  const form = useEnrollment((s) => s.form);
  const setField = useEnrollment((s) => s.setField);
  const starting = useEnrollment((s) => s.starting);
  const start = useEnrollment((s) => s.start);
  const selected = profiles.find((p) => p.id === profileId) ?? null;
  const contract = selected ? contractFor(selected.kind) : null;
  const spec = selected && contract?.enrollment ? contract.enrollment(selected.settings as never) : null;
  const subjectSpec = selected && contract ? contract.subject(selected.settings as never) : null;
  const checkSubject = selected && contract ? (raw: string) => contract.checkSubject(selected.settings as never, raw) : null;
  const labelOf = (key: EnrollField): string => (key === 'subject' && subjectSpec ? subjectSpec.label : key === 'userPassword' && spec?.password ? spec.password.label : labels[key]);
  const errors = useFieldErrors<EnrollField>(labelOf, 'Not started');

  const change = (key: 'subject' | 'userPassword' | 'reason' | 'ticket', value: string) => {
    setField(key, value);
    errors.clear(key);
  };

  const submit = async () => {
    const found = checkEnrollForm(form, { profileSelected: selected !== null, checkSubject, subjectLabel: labelOf('subject'), spec });
    if (errors.show(found, enrollFields)) return;
    const result = await start(spec);
    if (result.status !== 'failed') return;
    // Main names a field it refused ("subject: …"); anything else belongs to the form as a whole.
    const named = splitFieldMessage(result.message);
    const field = named && (enrollFields as readonly string[]).includes(named.field) ? (named.field as EnrollField) : null;
    if (field && named) errors.show({ [field]: `${labelOf(field)} ${named.message}.` }, enrollFields);
    else errors.fail(withoutFieldPath(result.message));
  };

  return (
    <CheckedForm
      className="card verify-form enroll-form"
      aria-labelledby="enroll-form-title"
      busy={starting}
      onSubmit={submit}
    >
      <h2 id="enroll-form-title" className="card-title">
        User
      </h2>
      <Notice tone="warning">Enroll only a user you have already verified. Whoever scans the QR code can sign in as this account.</Notice>

      {profiles.length > 0 ? (
        <Field form={errors} name="profile" label="Profile">
          {(props) => (
            <select {...props} value={profileId ?? ''} aria-disabled={starting || undefined} onChange={(event) => !starting && setProfile(event.target.value)}>
              {profiles.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.sandbox && !/sandbox/i.test(p.displayName) ? `${p.displayName} (Sandbox)` : p.displayName}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : (
        <div className={errors.errors.profile ? 'field field-invalid' : 'field'}>
          <p className="field-label" id={errors.ids.control('profile')} tabIndex={-1}>
            Profile
          </p>
          <p className="field-note">
            {profilesError ?? (loaded ? 'No profile can enroll an authenticator yet. ' : 'Loading profiles…')}
            {loaded && !profilesError ? <a href={screenHref('settings')}>Add a VisualGuard or App authenticator profile in Settings.</a> : null}
          </p>
          <FieldMessage form={errors} name="profile" />
        </div>
      )}

      <Field form={errors} name="subject" label={labelOf('subject')} hint={subjectSpec?.hint ?? null}>
        {(props) => (
          <input
            {...props}
            ref={subjectInputRef}
            type="text"
            autoComplete="off"
            spellCheck={false}
            placeholder={subjectSpec?.placeholder}
            aria-required="true"
            value={form.subject}
            readOnly={starting}
            onChange={(event) => change('subject', event.target.value)}
          />
        )}
      </Field>

      {spec?.password ? (
        <Field form={errors} name="userPassword" label={spec.password.label} hint={spec.password.hint}>
          {(props) => (
            <input
              {...props}
              type="password"
              autoComplete="off"
              aria-required="true"
              value={form.userPassword}
              readOnly={starting}
              onChange={(event) => change('userPassword', event.target.value)}
            />
          )}
        </Field>
      ) : null}

      <Field form={errors} name="reason" label="Reason" hint={`Why the user needs an authenticator now, such as “new phone” (at least ${ENROLL_REASON_MIN} characters). It is recorded in the audit log.`}>
        {(props) => (
          <textarea {...props} rows={2} maxLength={ENROLL_REASON_MAX} aria-required="true" value={form.reason} readOnly={starting} onChange={(event) => change('reason', event.target.value)} />
        )}
      </Field>

      <Field form={errors} name="ticket" label="Ticket reference" hint="The helpdesk ticket for this call, such as INC0012345.">
        {(props) => (
          <input
            {...props}
            type="text"
            autoComplete="off"
            spellCheck={false}
            maxLength={ENROLL_TICKET_MAX}
            aria-required="true"
            placeholder="INC0012345"
            value={form.ticket}
            readOnly={starting}
            onChange={(event) => change('ticket', event.target.value)}
          />
        )}
      </Field>

      <div className="form-actions">
        <button className="button button-primary" {...submitProps(errors, starting)}>
          {starting ? 'Preparing the QR code…' : 'Show QR code'}
        </button>
      </div>
      <FormStatus form={errors} failureTitle="The enrollment did not start" />
    </CheckedForm>
  );
}
