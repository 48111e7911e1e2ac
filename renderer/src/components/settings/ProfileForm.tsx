/** Add or edit an Entra profile. Field errors from main's bad_request answer appear next to the field. */
import { useEffect, useId, useState, type ReactNode } from 'react';
import type { ProfileSummary } from '../../../../contract/domain';
import {
  draftFromProfile,
  emptyDraft,
  fieldErrorFromMessage,
  fieldLabels,
  toProfileInput,
  type DraftField,
  type FieldErrors,
  type ProfileDraft,
} from '../../lib/profileForm';
import { useProfiles } from '../../stores/profiles';
import { Notice } from '../Notice';

type Option = { value: string; label: string };

const choices = {
  cloud: [
    { value: 'public', label: 'Public (global Azure)' },
    { value: 'usgov', label: 'US Government' },
    { value: 'china', label: 'China (21Vianet)' },
  ],
  connectorHost: [
    { value: 'strongauth', label: 'strongauthenticationservice' },
    { value: 'adnotifications', label: 'adnotifications' },
  ],
  tokenVersion: [
    { value: 'v2', label: 'v2' },
    { value: 'v1', label: 'v1' },
  ],
  credential: [
    { value: 'secret', label: 'Client secret' },
    { value: 'certificate', label: 'Certificate' },
  ],
  mode: [
    { value: 'sync', label: 'Synchronous (wait for the answer)' },
    { value: 'async', label: 'Asynchronous (poll for the answer)' },
  ],
} satisfies Partial<Record<DraftField, Option[]>>;

export function ProfileForm({ profile, onDone }: { profile: ProfileSummary | null; onDone: (saved: ProfileSummary | null) => void }) {
  const ids = useId();
  const save = useProfiles((s) => s.save);
  const [draft, setDraft] = useState<ProfileDraft>(() => (profile ? draftFromProfile(profile) : emptyDraft()));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  // Opening the form puts the operator in its first field.
  useEffect(() => {
    document.getElementById(`${ids}-displayName`)?.focus();
  }, [ids]);

  const update = <K extends DraftField>(key: K, value: ProfileDraft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setErrors((e) => ({ ...e, [key]: undefined }));
  };

  const submit = async () => {
    const built = toProfileInput(draft);
    if (!built.ok) {
      setErrors(built.errors);
      setFormError('Some fields need attention.');
      return;
    }
    setSaving(true);
    setFormError(null);
    const result = await save(built.input);
    setSaving(false);
    if (result.ok) {
      onDone(result.value);
      return;
    }
    const fieldErrors = result.code === 'bad_request' ? fieldErrorFromMessage(result.message) : {};
    setErrors(fieldErrors);
    const [field, text] = Object.entries(fieldErrors)[0] ?? [];
    // Name the field in words ("Tenant must be …") rather than main's path ("settings.tenant: …").
    setFormError(field && text ? `${fieldLabels[field as DraftField]} ${text}` : result.message);
  };

  const fieldId = (key: DraftField) => `${ids}-${key}`;
  const errorId = (key: DraftField) => `${ids}-${key}-error`;
  const describedBy = (key: DraftField, hint?: boolean) =>
    [errors[key] ? errorId(key) : '', hint ? `${fieldId(key)}-hint` : ''].filter(Boolean).join(' ') || undefined;

  const wrap = (key: DraftField, control: ReactNode, hint?: string) => (
    <div className={errors[key] ? 'field field-invalid' : 'field'}>
      <label htmlFor={fieldId(key)}>{fieldLabels[key]}</label>
      {control}
      {hint ? (
        <p id={`${fieldId(key)}-hint`} className="field-hint">
          {hint}
        </p>
      ) : null}
      {errors[key] ? (
        <p id={errorId(key)} className="field-error">
          {fieldLabels[key]} {errors[key]}
        </p>
      ) : null}
    </div>
  );

  const text = (key: 'displayName' | 'tenant' | 'loginBaseUrl' | 'connectorBaseUrl' | 'proxyUrl' | 'pollIntervalMs' | 'deadlineMs', hint?: string, numeric = false) =>
    wrap(
      key,
      <input
        id={fieldId(key)}
        type="text"
        inputMode={numeric ? 'numeric' : undefined}
        autoComplete="off"
        spellCheck={false}
        value={draft[key]}
        aria-invalid={errors[key] ? true : undefined}
        aria-describedby={describedBy(key, !!hint)}
        onChange={(event) => update(key, event.target.value)}
      />,
      hint,
    );

  const select = <K extends keyof typeof choices>(key: K, hint?: string) =>
    wrap(
      key,
      <select
        id={fieldId(key)}
        value={draft[key]}
        aria-invalid={errors[key] ? true : undefined}
        aria-describedby={describedBy(key, !!hint)}
        onChange={(event) => update(key, event.target.value as ProfileDraft[K])}
      >
        {choices[key].map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>,
      hint,
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
        {profile ? `Edit “${profile.displayName}”` : 'Add an Entra ID profile'}
      </h2>
      {formError ? (
        <Notice tone="error" title="The profile was not saved">
          {formError}
        </Notice>
      ) : null}
      <div className="form-grid">
        {text('displayName')}
        {text('tenant', 'Tenant GUID or verified domain, e.g. contoso.com.')}
        {select('cloud')}
        {select('connectorHost')}
        {select('tokenVersion')}
        {select('credential')}
        {select('mode')}
        {text('loginBaseUrl', 'Optional. Leave empty to use the cloud’s login endpoint. https:// only.')}
        {text('connectorBaseUrl', 'Optional. Leave empty to use the cloud’s connector endpoint. https:// only.')}
        {text('proxyUrl', 'Optional, e.g. http://proxy.corp:8080. Provider calls are tunnelled through it; system proxy settings are not used.')}
        {text('pollIntervalMs', 'Asynchronous mode: 1000 to 30000.', true)}
        {text('deadlineMs', 'Asynchronous mode: 10000 to 180000.', true)}
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
