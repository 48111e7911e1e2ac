/**
 * Add or edit a profile of any provider: the fields come from the provider's contract, errors from its own
 * schema (checked here before sending, and again in main) appear next to their field.
 */
import { useEffect, useId, useState } from 'react';
import type { ProfileSummary } from '../../../../contract/domain';
import { providerContracts, type ProviderKind } from '../../../../contract/providers/index';
import type { SettingsField } from '../../../../contract/providers/types';
import {
  draftFromProfile,
  emptyDraft,
  fieldErrorFromMessage,
  fieldsOf,
  isShown,
  labelOf,
  toProfileInput,
  type FieldErrors,
  type ProfileDraft,
} from '../../lib/profileForm';
import { useProfiles } from '../../stores/profiles';
import { Notice } from '../Notice';

export function ProfileForm({ profile, onDone }: { profile: ProfileSummary | null; onDone: (saved: ProfileSummary | null) => void }) {
  const ids = useId();
  const save = useProfiles((s) => s.save);
  const [draft, setDraft] = useState<ProfileDraft>(() => (profile ? draftFromProfile(profile) : emptyDraft(providerContracts[0].kind)));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const contract = providerContracts.find((c) => c.kind === draft.kind) ?? providerContracts[0];

  // Opening the form puts the operator in its first field.
  useEffect(() => {
    document.getElementById(`${ids}-${profile ? 'displayName' : 'kind'}`)?.focus();
  }, [ids, profile]);

  const setValue = (key: string, value: string) => {
    setDraft((d) => (key === 'displayName' ? { ...d, displayName: value } : { ...d, values: { ...d.values, [key]: value } }));
    setErrors((e) => ({ ...e, [key]: '' }));
  };

  const showErrors = (fieldErrors: FieldErrors, fallback: string) => {
    setErrors(fieldErrors);
    const [key, text] = Object.entries(fieldErrors).find(([, t]) => t) ?? [];
    setFormError(key && text ? `${labelOf(draft.kind, key)} ${text}` : fallback);
    if (key) window.setTimeout(() => document.getElementById(`${ids}-${key}`)?.focus(), 0);
  };

  const submit = async () => {
    const built = toProfileInput(draft);
    if (!built.ok) return showErrors(built.errors, 'Some fields need attention.');
    setSaving(true);
    setFormError(null);
    const result = await save(built.input);
    setSaving(false);
    if (result.ok) return onDone(result.value);
    showErrors(result.code === 'bad_request' ? fieldErrorFromMessage(draft.kind, result.message) : {}, result.message);
  };

  const fieldId = (key: string) => `${ids}-${key}`;
  const describedBy = (key: string, hint: boolean) =>
    [errors[key] ? `${fieldId(key)}-error` : '', hint ? `${fieldId(key)}-hint` : ''].filter(Boolean).join(' ') || undefined;

  const control = (field: SettingsField) => {
    const common = {
      id: fieldId(field.key),
      value: draft.values[field.key] ?? '',
      'aria-invalid': errors[field.key] ? true : undefined,
      'aria-describedby': describedBy(field.key, !!field.hint),
    };
    if (field.control === 'select') {
      return (
        <select {...common} onChange={(event) => setValue(field.key, event.target.value)}>
          {(field.options ?? []).map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      );
    }
    if (field.control === 'textarea') {
      return (
        <textarea
          {...common}
          className="settings-pem"
          rows={6}
          autoComplete="off"
          spellCheck={false}
          placeholder={field.placeholder}
          onChange={(event) => setValue(field.key, event.target.value)}
        />
      );
    }
    return (
      <input
        {...common}
        type="text"
        inputMode={field.control === 'number' ? 'numeric' : undefined}
        autoComplete="off"
        spellCheck={false}
        placeholder={field.placeholder}
        onChange={(event) => setValue(field.key, event.target.value)}
      />
    );
  };

  const wrap = (key: string, label: string, hint: string | undefined, input: React.ReactNode) => (
    <div key={key} className={errors[key] ? 'field field-invalid' : 'field'}>
      <label htmlFor={fieldId(key)}>{label}</label>
      {input}
      {hint ? (
        <p id={`${fieldId(key)}-hint`} className="field-hint">
          {hint}
        </p>
      ) : null}
      {errors[key] ? (
        <p id={`${fieldId(key)}-error`} className="field-error">
          {label} {errors[key]}
        </p>
      ) : null}
    </div>
  );

  return (
    <form
      className="card profile-form"
      aria-labelledby={`${ids}-title`}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (!saving) void submit();
      }}
    >
      <h2 id={`${ids}-title`} className="card-title">
        {profile ? `Edit “${profile.displayName}”` : 'Add a provider profile'}
      </h2>
      {formError ? (
        <Notice tone="error" title="The profile was not saved">
          {formError}
        </Notice>
      ) : null}
      <div className="form-grid">
        {profile
          ? null
          : wrap(
              'kind',
              'Identity provider',
              contract.description,
              <select
                id={fieldId('kind')}
                value={draft.kind}
                aria-describedby={`${fieldId('kind')}-hint`}
                onChange={(event) => {
                  const kind = event.target.value as ProviderKind;
                  setDraft({ ...emptyDraft(kind), displayName: draft.displayName });
                  setErrors({});
                }}
              >
                {providerContracts.map((c) => (
                  <option key={c.kind} value={c.kind}>
                    {c.displayName}
                  </option>
                ))}
              </select>,
            )}
        {wrap(
          'displayName',
          'Display name',
          undefined,
          <input
            id={fieldId('displayName')}
            type="text"
            autoComplete="off"
            value={draft.displayName}
            aria-invalid={errors.displayName ? true : undefined}
            aria-describedby={describedBy('displayName', false)}
            onChange={(event) => setValue('displayName', event.target.value)}
          />,
        )}
        {fieldsOf(draft.kind)
          .filter((field) => isShown(field, draft.values))
          .map((field) => wrap(field.key, field.label, field.hint, control(field)))}
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={saving}>
          {saving ? 'Saving…' : 'Save profile'}
        </button>
        <button type="button" className="button" onClick={() => onDone(null)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
