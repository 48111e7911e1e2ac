/**
 * The settings form of any provider, driven by its contract (contract/providers/<kind>.ts): the draft (all
 * strings, as inputs hold them), conversion to ProfileInput checked by the provider's own schema, and field
 * errors in words for people.
 */
import type { ProfileInput, ProfileSummary } from '../../../contract/domain';
import { contractFor, type ProviderKind } from '../../../contract/providers/index';
import type { SettingsField } from '../../../contract/providers/types';

export interface ProfileDraft {
  id: string | null;
  kind: ProviderKind;
  displayName: string;
  values: Record<string, string>;
}

/** Field key → message ("must be …"); `displayName` for the name. */
export type FieldErrors = Record<string, string>;

type ShapeSchema = { shape?: Record<string, { safeParse(value: unknown): { success: boolean; data?: unknown } }> };

/** The schema's default for a field, as the input shows it; '' when it has none. */
function defaultOf(kind: ProviderKind, key: string): string {
  const field = (contractFor(kind).settingsSchema as unknown as ShapeSchema).shape?.[key];
  const parsed = field?.safeParse(undefined);
  return parsed?.success && parsed.data !== undefined ? String(parsed.data) : '';
}

export function fieldsOf(kind: ProviderKind): readonly SettingsField[] {
  return contractFor(kind).fields;
}

export function emptyDraft(kind: ProviderKind): ProfileDraft {
  const values: Record<string, string> = {};
  for (const field of fieldsOf(kind)) values[field.key] = defaultOf(kind, field.key) || (field.control === 'select' ? (field.options?.[0]?.value ?? '') : '');
  return { id: null, kind, displayName: '', values };
}

export function draftFromProfile(profile: ProfileSummary): ProfileDraft {
  const settings = profile.settings as Record<string, unknown>;
  const values: Record<string, string> = {};
  for (const field of fieldsOf(profile.kind)) {
    const value = settings[field.key];
    values[field.key] = value === undefined || value === null ? '' : String(value);
  }
  return { id: profile.id, kind: profile.kind, displayName: profile.displayName, values };
}

/** True while the field applies (its `when` condition holds). */
export function isShown(field: SettingsField, values: Record<string, string>): boolean {
  return !field.when || field.when.oneOf.includes(values[field.when.key] ?? '');
}

/** Builds the input for `profiles.save`, checked with the provider's own schema; errors are per field. */
export function toProfileInput(draft: ProfileDraft): { ok: true; input: ProfileInput } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  if (draft.displayName.trim() === '') errors.displayName = 'is required';
  const settings: Record<string, unknown> = {};
  for (const field of fieldsOf(draft.kind)) {
    const text = (draft.values[field.key] ?? '').trim();
    if (text === '') {
      if (!field.optional && isShown(field, draft.values)) errors[field.key] = 'is required';
      continue;
    }
    if (field.control === 'number') {
      if (!/^[0-9]{1,9}$/.test(text)) errors[field.key] = 'must be a whole number';
      else settings[field.key] = Number(text);
    } else {
      settings[field.key] = text;
    }
  }
  const parsed = contractFor(draft.kind).settingsSchema.safeParse(settings);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? '');
      if (key && !errors[key]) errors[key] = issue.message;
    }
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const input = { kind: draft.kind, displayName: draft.displayName.trim(), settings } as ProfileInput;
  if (draft.id) input.id = draft.id;
  return { ok: true, input };
}

/** Maps main's "path: message" (e.g. `settings.tenant: must be …`) to the form field it names, if any. */
export function fieldErrorFromMessage(kind: ProviderKind, message: string): FieldErrors {
  const match = /^([\w.]+):\s*(.+)$/s.exec(message);
  if (!match) return {};
  const field = (match[1] ?? '').split('.').pop() ?? '';
  const known = field === 'displayName' || fieldsOf(kind).some((f) => f.key === field);
  return known ? { [field]: match[2] ?? '' } : {};
}

/** The label of a field key. */
export function labelOf(kind: ProviderKind, key: string): string {
  if (key === 'displayName') return 'Display name';
  return fieldsOf(kind).find((f) => f.key === key)?.label ?? key;
}
