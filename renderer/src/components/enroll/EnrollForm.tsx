/**
 * Whom to enroll and why: profile, the user's account (and password, where the provider asks), reason,
 * ticket. Every field is checked when the button is pressed (the account with the provider's own rule); the
 * button is never disabled, so it can always be reached and always says why nothing happened.
 */
import type { RefObject } from 'react';
import { contractFor } from '../../../../contract/providers/index';
import { checkEnrollForm, ENROLL_REASON_MIN, enrollableProfiles, enrollFields, type EnrollField } from '../../lib/enrollRules';
import { useEnrollment } from '../../stores/enrollment';
import { useProfiles } from '../../stores/profiles';
import { CheckedForm } from '../form/CheckedForm';
import { Field } from '../form/Field';
import { FormStatus, submitProps } from '../form/FormStatus';
import { showMainRefusal } from '../form/mainRefusal';
import { AccountField, ProfileField, ReasonField, TicketField } from '../form/RequestFields';
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
  // The value, busy state and change of a shared request field.
  const edit = (key: 'subject' | 'reason' | 'ticket') => ({ value: form[key], busy: starting, onChange: (value: string) => change(key, value) });

  const submit = async () => {
    const found = checkEnrollForm(form, { profileSelected: selected !== null, checkSubject, subjectLabel: labelOf('subject'), spec });
    if (errors.show(found, enrollFields)) return;
    const result = await start(spec);
    if (result.status !== 'failed') return;
    showMainRefusal(errors, result.message, enrollFields, labelOf);
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

      <ProfileField
        form={errors}
        profiles={profiles}
        value={profileId}
        busy={starting}
        onSelect={setProfile}
        status={{ loaded, error: profilesError }}
        none="No profile can enroll an authenticator yet. "
        addLink="Add a VisualGuard or App authenticator profile in Settings."
      />
      <AccountField form={errors} label={labelOf('subject')} spec={subjectSpec} inputRef={subjectInputRef} {...edit('subject')} />

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

      <ReasonField
        form={errors}
        hint={`Why the user needs an authenticator now, such as “new phone” (at least ${ENROLL_REASON_MIN} characters). It is recorded in the audit log.`}
        rows={2}
        required
        {...edit('reason')}
      />
      <TicketField
        form={errors}
        hint="The helpdesk ticket for this call, such as INC0012345."
        placeholder="INC0012345"
        {...edit('ticket')}
      />

      <div className="form-actions">
        <button className="button button-primary" {...submitProps(errors, starting)}>
          {starting ? 'Preparing the QR code…' : 'Show QR code'}
        </button>
      </div>
      <FormStatus form={errors} failureTitle="The enrollment did not start" />
    </CheckedForm>
  );
}
