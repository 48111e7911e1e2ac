/**
 * Who to verify and why: profile, target account, methods, mode, reason and ticket, then Send. Every field is
 * checked when Send is pressed (the account with the provider's own rule); Send is never disabled, so it can
 * always be reached and always says why nothing went.
 */
import { useEffect, type RefObject } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { contractFor } from '../../../../contract/providers/index';
import { checkVerifyForm, REASON_MAX, REASON_MIN, TICKET_MAX, verifyFields, type VerifyField } from '../../lib/verifyRules';
import { screenHref } from '../../stores/nav';
import { usePolicy } from '../../stores/policy';
import { selectSelectedProfile, useProfiles, verifiesCallers } from '../../stores/profiles';
import {
  selectBusy,
  selectCheckedMethods,
  selectEffectiveMode,
  selectMethodsError,
  selectMethodsLoading,
  selectModeAvailability,
  useVerification,
} from '../../stores/verification';
import { CheckedForm } from '../form/CheckedForm';
import { Field, FieldMessage } from '../form/Field';
import { FormStatus, submitProps } from '../form/FormStatus';
import { splitFieldMessage, withoutFieldPath } from '../form/messages';
import { useFieldErrors } from '../form/useFieldErrors';
import { useDebounced } from '../useDebounced';
import { MethodList } from './MethodList';
import { ModeChoice } from './ModeChoice';

const labels: Record<VerifyField, string> = { profile: 'Profile', subject: 'Target account', reasonType: 'Request type', reason: 'Reason', ticket: 'Ticket reference' };

/** Runs the methods check by itself once the account is well formed and has stopped changing. */
function useAutomaticMethodsCheck(profileId: string | null, canList: boolean, wellFormed: boolean): void {
  const subject = useVerification((s) => s.form.subject);
  const settled = useDebounced(subject, 400);
  const busy = useVerification(selectBusy);
  const known = useVerification((s) => selectCheckedMethods(profileId)(s) !== null || selectMethodsLoading(profileId)(s) || selectMethodsError(profileId)(s) !== null);
  const checkMethods = useVerification((s) => s.checkMethods);
  useEffect(() => {
    if (profileId && canList && wellFormed && !busy && !known && settled === subject) void checkMethods(profileId);
  }, [profileId, canList, wellFormed, busy, known, settled, subject, checkMethods]);
}

export function VerifyForm({ subjectInputRef }: { subjectInputRef: RefObject<HTMLInputElement | null> }) {
  const allProfiles = useProfiles((s) => s.profiles);
  // Step-up-only profiles (finance approvals) cannot verify a caller, so they are not offered here.
  const profiles = allProfiles.filter(verifiesCallers);
  const profilesLoaded = useProfiles((s) => s.loaded);
  const profilesError = useProfiles((s) => s.error);
  const selected = useProfiles(selectSelectedProfile);
  const selectProfile = useProfiles((s) => s.select);
  const profileId = selected?.id ?? null;
  const capabilities = selected?.capabilities ?? null;
  const contract = selected ? contractFor(selected.kind) : null;
  const subjectSpec = selected && contract ? contract.subject(selected.settings as never) : null;
  const checkSubject = selected && contract ? (raw: string) => contract.checkSubject(selected.settings as never, raw) : null;

  const form = useVerification((s) => s.form);
  const setField = useVerification((s) => s.setField);
  const busy = useVerification(selectBusy);
  const sending = useVerification((s) => s.sending);
  const methods = useVerification(selectCheckedMethods(profileId));
  const methodsLoading = useVerification(selectMethodsLoading(profileId));
  const methodsError = useVerification(selectMethodsError(profileId));
  const available = useVerification(useShallow(selectModeAvailability(profileId, capabilities)));
  const mode = useVerification(selectEffectiveMode(profileId, capabilities));
  const checkMethods = useVerification((s) => s.checkMethods);
  const start = useVerification((s) => s.start);
  const errors = useFieldErrors<VerifyField>((key) => (key === 'subject' && subjectSpec ? subjectSpec.label : labels[key]));
  const policy = usePolicy((s) => s.view);
  const reasons = policy?.reasons ?? [];
  const reasonMin = policy?.reasonDetailsMin ?? REASON_MIN;
  const formats = policy?.ticketFormats ?? [];

  const wellFormed = checkSubject?.(form.subject).ok === true;
  useAutomaticMethodsCheck(profileId, capabilities?.methods === true, wellFormed);

  const change = (key: 'subject' | 'reasonType' | 'reason' | 'ticket', value: string) => {
    setField(key, value);
    errors.clear(key);
  };

  const submit = async () => {
    const found = checkVerifyForm(form, {
      profileSelected: profileId !== null,
      checkSubject,
      subjectLabel: subjectSpec?.label ?? 'Target account',
      available,
      reasons,
      reasonMin,
    });
    if (errors.show(found, verifyFields)) return;
    const result = await start(profileId, capabilities);
    if (result.status === 'no_method') errors.show({ subject: result.message }, verifyFields);
    if (result.status !== 'failed') return;
    // Main names a field it refused ("subject: …"); anything else belongs to the form as a whole.
    const named = splitFieldMessage(result.message);
    const field = named && (verifyFields as readonly string[]).includes(named.field) ? (named.field as VerifyField) : null;
    if (field && named) errors.show({ [field]: `${field === 'subject' && subjectSpec ? subjectSpec.label : labels[field]} ${named.message}.` }, verifyFields);
    else errors.fail(withoutFieldPath(result.message));
  };

  return (
    <CheckedForm
      className="card verify-form"
      aria-labelledby="verify-form-title"
      busy={busy}
      onSubmit={submit}
    >
      <h2 id="verify-form-title" className="card-title">
        Caller
      </h2>

      {profiles.length > 0 ? (
        <Field form={errors} name="profile" label="Profile">
          {(props) => (
            <select {...props} value={profileId ?? ''} aria-disabled={busy || undefined} onChange={(event) => !busy && selectProfile(event.target.value)}>
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
            {profilesError ?? (profilesLoaded ? 'No profiles yet. ' : 'Loading profiles…')}
            {profilesLoaded && !profilesError ? <a href={screenHref('settings')}>Add one in Settings.</a> : null}
          </p>
          <FieldMessage form={errors} name="profile" />
        </div>
      )}

      <Field
        form={errors}
        name="subject"
        label={`Target account${subjectSpec ? ` — ${subjectSpec.label}` : ''}`}
        hint={subjectSpec?.hint ?? null}
      >
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
            readOnly={busy}
            onChange={(event) => change('subject', event.target.value)}
          />
        )}
      </Field>

      <p className="visually-hidden" role="status">
        {methodsLoading
          ? 'Checking the registered methods…'
          : methods
            ? `${methods.methods.length} registered ${methods.methods.length === 1 ? 'method' : 'methods'} for ${methods.subject}.`
            : methodsError
              ? 'Could not read the registered methods.'
              : ''}
      </p>
      {methodsLoading ? <p className="field-note methods-checking">Checking the registered methods…</p> : null}
      {methods ? <MethodList subject={methods.subject} methods={methods.methods} /> : null}
      {methodsError ? (
        <div className="notice notice-warning methods-failed">
          <p className="notice-title">Could not read the registered methods</p>
          <p>{methodsError}</p>
          <button type="button" className="button" onClick={() => profileId && !busy && void checkMethods(profileId)}>
            Check methods again
          </button>
        </div>
      ) : null}

      {capabilities && capabilities.push && capabilities.code ? (
        <ModeChoice available={available} mode={mode} busy={busy} onChoose={(next) => setField('mode', next)} />
      ) : null}

      {reasons.length > 0 ? (
        <Field form={errors} name="reasonType" label="Request type" hint="What the caller is asking for. Your organisation’s policy sets this list.">
          {(props) => (
            <select
              {...props}
              aria-required="true"
              value={form.reasonType}
              aria-disabled={busy || undefined}
              onChange={(event) => !busy && change('reasonType', event.target.value)}
            >
              <option value="">Choose a request type…</option>
              {reasons.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : null}

      <Field
        form={errors}
        name="reason"
        label="Reason"
        hint={reasonMin > 0 ? `Why the caller needs this, in your words (at least ${reasonMin} characters). It is recorded in the audit log.` : 'Why the caller needs this, in your words (optional). It is recorded in the audit log.'}
      >
        {(props) => (
          <textarea
            {...props}
            rows={3}
            maxLength={REASON_MAX}
            aria-required={reasonMin > 0 ? 'true' : undefined}
            value={form.reason}
            readOnly={busy}
            onChange={(event) => change('reason', event.target.value)}
          />
        )}
      </Field>

      <Field
        form={errors}
        name="ticket"
        label="Ticket reference"
        hint={
          formats.length > 0
            ? `The helpdesk ticket for this call: ${formats.map((f) => `${f.words}, such as ${f.example}`).join('; or ')}.`
            : 'The helpdesk ticket for this call, such as INC0012345.'
        }
      >
        {(props) => (
          <input
            {...props}
            type="text"
            autoComplete="off"
            spellCheck={false}
            maxLength={TICKET_MAX}
            aria-required="true"
            placeholder={formats[0]?.example ?? 'INC0012345'}
            value={form.ticket}
            readOnly={busy}
            onChange={(event) => change('ticket', event.target.value)}
          />
        )}
      </Field>

      <div className="form-actions">
        <button className="button button-primary" {...submitProps(errors, busy)}>
          {sending ? 'Sending…' : mode === 'push' ? 'Send push' : 'Send code'}
        </button>
      </div>
      <FormStatus form={errors} failureTitle="The verification was not sent" />
    </CheckedForm>
  );
}
