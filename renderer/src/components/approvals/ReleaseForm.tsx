/** The release to approve: profile, reference, amount and currency, beneficiary, IBAN or account, purpose. */
import { useId } from 'react';
import type { ProfileSummary } from '../../../../contract/domain';
import { useApprovals } from '../../stores/approvals';
import type { ReleaseForm as Form } from '../../lib/releaseForm';
import { Notice } from '../Notice';

type TextKey = Exclude<keyof Form, 'accountType'>;

function TextField({ name, label, hint, inputMode, maxLength }: { name: TextKey; label: string; hint?: string; inputMode?: 'decimal' | 'text'; maxLength: number }) {
  const ids = useId();
  const value = useApprovals((s) => s.form[name]);
  const error = useApprovals((s) => s.formErrors[name]);
  const setField = useApprovals((s) => s.setField);
  const busy = useApprovals((s) => s.busy);
  const described = [hint ? `${ids}-hint` : '', error ? `${ids}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={`${ids}-input`}>{label}</label>
      <input
        id={`${ids}-input`}
        type="text"
        autoComplete="off"
        spellCheck={false}
        inputMode={inputMode}
        maxLength={maxLength}
        aria-required="true"
        aria-invalid={error ? true : undefined}
        aria-describedby={described}
        value={value}
        disabled={busy}
        onChange={(event) => setField(name, event.target.value)}
      />
      {hint ? <p id={`${ids}-hint`} className="field-hint">{hint}</p> : null}
      {error ? <p id={`${ids}-error`} className="field-error">{label} {error}</p> : null}
    </div>
  );
}

export function ReleaseForm({ profiles }: { profiles: ProfileSummary[] }) {
  const ids = useId();
  const profileId = useApprovals((s) => s.profileId);
  const selectProfile = useApprovals((s) => s.selectProfile);
  const accountType = useApprovals((s) => s.form.accountType);
  const setField = useApprovals((s) => s.setField);
  const createRelease = useApprovals((s) => s.createRelease);
  const busy = useApprovals((s) => s.busy);
  const actionError = useApprovals((s) => s.actionError);
  return (
    <form
      className="card release-form"
      aria-labelledby={`${ids}-title`}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void createRelease();
      }}
    >
      <h2 id={`${ids}-title`} className="card-title">
        Payment release
      </h2>
      <div className="field">
        <label htmlFor={`${ids}-profile`}>Approvals profile</label>
        <select id={`${ids}-profile`} value={profileId ?? ''} disabled={busy} onChange={(event) => selectProfile(event.target.value)}>
          {profiles.map((p) => (
            <option key={p.id} value={p.id}>
              {p.displayName}
            </option>
          ))}
        </select>
      </div>
      <TextField name="reference" label="Reference" maxLength={35} hint="The payment’s end-to-end reference, as in the payment instruction." />
      <div className="field-pair">
        <TextField name="amount" label="Amount" inputMode="decimal" maxLength={20} hint="Digits and a dot, such as 12500.00." />
        <TextField name="currency" label="Currency" maxLength={3} hint="Three letters, such as EUR." />
      </div>
      <TextField name="beneficiary" label="Beneficiary" maxLength={140} />
      <fieldset className="field account-type" disabled={busy}>
        <legend>Account</legend>
        <label className="radio-inline">
          <input type="radio" name={`${ids}-account-type`} checked={accountType === 'iban'} onChange={() => setField('accountType', 'iban')} /> IBAN
        </label>
        <label className="radio-inline">
          <input type="radio" name={`${ids}-account-type`} checked={accountType === 'account'} onChange={() => setField('accountType', 'account')} /> Other account number
        </label>
      </fieldset>
      <TextField name="account" label={accountType === 'iban' ? 'IBAN' : 'Account number'} maxLength={64} hint={accountType === 'iban' ? 'The check digits are verified.' : '4 to 34 letters, digits, spaces or dashes.'} />
      <TextField name="purpose" label="Purpose" maxLength={140} />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy || !profileId}>
          {busy ? 'Checking…' : 'Review release'}
        </button>
        <p className="field-hint">The app computes the transaction code approvers confirm. Nothing is approved yet.</p>
      </div>
      {actionError ? <Notice tone="error" title="The release was not accepted">{actionError}</Notice> : null}
    </form>
  );
}
