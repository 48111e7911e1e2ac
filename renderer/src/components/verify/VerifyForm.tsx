/**
 * Who to verify and why: profile, target account, methods, mode, reason and ticket, then Send. Every field is
 * checked when Send is pressed (the account with the provider's own rule); Send is never disabled, so it can
 * always be reached and always says why nothing went.
 */
import { useEffect, type RefObject } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { contractFor } from '../../../../contract/providers/index';
import { checkVerifyForm, REASON_MIN, verifyFields, type VerifyField } from '../../lib/verifyRules';
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
import { Field } from '../form/Field';
import { FormStatus, submitProps } from '../form/FormStatus';
import { showMainRefusal } from '../form/mainRefusal';
import { AccountField, ProfileField, ReasonField, TicketField } from '../form/RequestFields';
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
  const labelOf = (key: VerifyField): string => (key === 'subject' && subjectSpec ? subjectSpec.label : labels[key]);
  const errors = useFieldErrors<VerifyField>(labelOf);
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
  // The value, busy state and change of a shared request field.
  const edit = (key: 'subject' | 'reason' | 'ticket') => ({ value: form[key], busy, onChange: (value: string) => change(key, value) });

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
    showMainRefusal(errors, result.message, verifyFields, labelOf);
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

      <ProfileField
        form={errors}
        profiles={profiles}
        value={profileId}
        busy={busy}
        onSelect={selectProfile}
        status={{ loaded: profilesLoaded, error: profilesError }}
        none="No profiles yet. "
        addLink="Add one in Settings."
      />
      <AccountField
        form={errors}
        label={`Target account${subjectSpec ? ` — ${subjectSpec.label}` : ''}`}
        spec={subjectSpec}
        inputRef={subjectInputRef}
        {...edit('subject')}
      />

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

      <ReasonField
        form={errors}
        hint={reasonMin > 0 ? `Why the caller needs this, in your words (at least ${reasonMin} characters). It is recorded in the audit log.` : 'Why the caller needs this, in your words (optional). It is recorded in the audit log.'}
        rows={3}
        required={reasonMin > 0}
        {...edit('reason')}
      />
      <TicketField
        form={errors}
        hint={
          formats.length > 0
            ? `The helpdesk ticket for this call: ${formats.map((f) => `${f.words}, such as ${f.example}`).join('; or ')}.`
            : 'The helpdesk ticket for this call, such as INC0012345.'
        }
        placeholder={formats[0]?.example ?? 'INC0012345'}
        {...edit('ticket')}
      />

      <div className="form-actions">
        <button className="button button-primary" {...submitProps(errors, busy)}>
          {sending ? 'Sending…' : mode === 'push' ? 'Send push' : 'Send code'}
        </button>
      </div>
      <FormStatus form={errors} failureTitle="The verification was not sent" />
    </CheckedForm>
  );
}
