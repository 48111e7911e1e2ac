/**
 * The release to approve: profile, reference, amount and currency, beneficiary, IBAN or account, purpose.
 * Errors follow the app's one form pattern: empty fields are told before anything is sent, main's checks
 * (IBAN check digits, decimals of the currency, character sets) come back to their field, and the submit
 * button is never disabled.
 */
import type { ProfileSummary } from '../../../../contract/domain';
import { missingFields, releaseFieldOf, releaseFields, type ReleaseField } from '../../lib/releaseForm';
import { useApprovals } from '../../stores/approvals';
import { CheckedForm } from '../form/CheckedForm';
import { Field } from '../form/Field';
import { FormStatus, submitProps } from '../form/FormStatus';
import { sentence, splitFieldMessage, withoutFieldPath } from '../form/messages';
import { TextField } from '../form/TextField';
import { useFieldErrors, type FieldErrors } from '../form/useFieldErrors';

type TextName = Exclude<ReleaseField, 'profile'>;

function TextInput({ form, name, ...field }: { form: FieldErrors<ReleaseField>; name: TextName; label: string; hint?: string; inputMode?: 'decimal' | 'text'; maxLength: number }) {
  const value = useApprovals((s) => s.form[name]);
  const setField = useApprovals((s) => s.setField);
  const busy = useApprovals((s) => s.busy);
  const change = (next: string) => {
    setField(name, next);
    form.clear(name);
  };
  return <TextField {...field} form={form} name={name} value={value} busy={busy} onChange={change} />;
}

export function ReleaseForm({ profiles }: { profiles: ProfileSummary[] }) {
  const profileId = useApprovals((s) => s.profileId);
  const selectProfile = useApprovals((s) => s.selectProfile);
  const accountType = useApprovals((s) => s.form.accountType);
  const setField = useApprovals((s) => s.setField);
  const createRelease = useApprovals((s) => s.createRelease);
  const busy = useApprovals((s) => s.busy);
  const accountLabel = accountType === 'iban' ? 'IBAN' : 'Account number';
  const labels: Record<ReleaseField, string> = { profile: 'Approvals profile', reference: 'Reference', amount: 'Amount', currency: 'Currency', beneficiary: 'Beneficiary', account: accountLabel, purpose: 'Purpose' };
  const form = useFieldErrors<ReleaseField>((key) => labels[key], 'Not reviewed');

  const submit = async (): Promise<void> => {
    if (form.show(missingFields(useApprovals.getState().form, profileId, (key) => labels[key]), releaseFields)) return;
    const result = await createRelease();
    if (result.ok) return;
    // main names the field it refused ("amount: may have at most 2 decimals for EUR"): tell it there.
    const named = splitFieldMessage(result.message);
    const field = named ? releaseFieldOf(named.field) : null;
    if (named && field) form.show({ [field]: sentence(labels[field], named.message) }, releaseFields);
    else form.fail(withoutFieldPath(result.message));
  };

  return (
    <CheckedForm
      className="card release-form"
      aria-labelledby="release-form-title"
      busy={busy}
      onSubmit={submit}
    >
      <h2 id="release-form-title" className="card-title">
        Payment release
      </h2>
      <Field form={form} name="profile" label="Approvals profile">
        {(props) => (
          <select {...props} value={profileId ?? ''} disabled={busy} onChange={(event) => selectProfile(event.target.value)}>
            {profiles.map((p) => (
              <option key={p.id} value={p.id}>
                {p.displayName}
              </option>
            ))}
          </select>
        )}
      </Field>
      <TextInput form={form} name="reference" label="Reference" maxLength={35} hint="The payment’s end-to-end reference, as in the payment instruction." />
      <div className="field-pair">
        <TextInput form={form} name="amount" label="Amount" inputMode="decimal" maxLength={20} hint="Digits and a dot, such as 12500.00." />
        <TextInput form={form} name="currency" label="Currency" maxLength={3} hint="Three letters, such as EUR." />
      </div>
      <TextInput form={form} name="beneficiary" label="Beneficiary" maxLength={140} />
      <fieldset className="field account-type" disabled={busy}>
        <legend>Account</legend>
        <label className="radio-inline">
          <input type="radio" name="release-account-type" checked={accountType === 'iban'} onChange={() => setField('accountType', 'iban')} /> IBAN
        </label>
        <label className="radio-inline">
          <input type="radio" name="release-account-type" checked={accountType === 'account'} onChange={() => setField('accountType', 'account')} /> Other account number
        </label>
      </fieldset>
      <TextInput form={form} name="account" label={accountLabel} maxLength={64} hint={accountType === 'iban' ? 'The check digits are verified.' : '4 to 34 letters, digits, spaces or dashes.'} />
      <TextInput form={form} name="purpose" label="Purpose" maxLength={140} />
      <div className="form-actions">
        <button {...submitProps(form, busy)} className="button button-primary">
          {busy ? 'Checking…' : 'Review release'}
        </button>
        <FormStatus form={form} failureTitle="The release was not accepted" />
      </div>
      <p className="field-hint">The app computes the transaction code approvers confirm. Nothing is approved yet.</p>
    </CheckedForm>
  );
}
