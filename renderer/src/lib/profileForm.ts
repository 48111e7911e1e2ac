/**
 * The Entra profile form: its draft (all strings, as inputs hold them), conversion to the contract's
 * ProfileInput, and mapping of a `bad_request` message ("settings.tenant: must be …") back to a field.
 */
import type { EntraSettings, ProfileInput, ProfileSummary } from '../../../contract/domain';

export interface ProfileDraft {
  id: string | null;
  displayName: string;
  tenant: string;
  cloud: EntraSettings['cloud'];
  connectorHost: EntraSettings['connectorHost'];
  tokenVersion: EntraSettings['tokenVersion'];
  credential: EntraSettings['credential'];
  mode: EntraSettings['mode'];
  loginBaseUrl: string;
  connectorBaseUrl: string;
  proxyUrl: string;
  pollIntervalMs: string;
  deadlineMs: string;
}

export type DraftField = Exclude<keyof ProfileDraft, 'id'>;
export type FieldErrors = Partial<Record<DraftField, string>>;

export const fieldLabels: Record<DraftField, string> = {
  displayName: 'Display name',
  tenant: 'Tenant',
  cloud: 'Cloud',
  connectorHost: 'Connector host',
  tokenVersion: 'Token version',
  credential: 'Credential type',
  mode: 'Mode',
  loginBaseUrl: 'Login base URL',
  connectorBaseUrl: 'Connector base URL',
  proxyUrl: 'HTTPS proxy',
  pollIntervalMs: 'Poll interval (ms)',
  deadlineMs: 'Deadline (ms)',
};

/** Defaults mirror `entraSettingsSchema`. */
export function emptyDraft(): ProfileDraft {
  return {
    id: null,
    displayName: '',
    tenant: '',
    cloud: 'public',
    connectorHost: 'strongauth',
    tokenVersion: 'v2',
    credential: 'secret',
    mode: 'sync',
    loginBaseUrl: '',
    connectorBaseUrl: '',
    proxyUrl: '',
    pollIntervalMs: '5000',
    deadlineMs: '90000',
  };
}

export function draftFromProfile(profile: ProfileSummary): ProfileDraft {
  const s = profile.settings;
  return {
    id: profile.id,
    displayName: profile.displayName,
    tenant: s.tenant,
    cloud: s.cloud,
    connectorHost: s.connectorHost,
    tokenVersion: s.tokenVersion,
    credential: s.credential,
    mode: s.mode,
    loginBaseUrl: s.loginBaseUrl ?? '',
    connectorBaseUrl: s.connectorBaseUrl ?? '',
    proxyUrl: s.proxyUrl ?? '',
    pollIntervalMs: String(s.pollIntervalMs),
    deadlineMs: String(s.deadlineMs),
  };
}

function parseWholeNumber(text: string): number | null {
  const trimmed = text.trim();
  return /^[0-9]+$/.test(trimmed) ? Number(trimmed) : null;
}

/**
 * Builds the input for `profiles.save`. Only checks what the inputs themselves cannot express (required
 * text, numbers); the contract's full validation happens in main and comes back as field errors.
 */
export function toProfileInput(draft: ProfileDraft): { ok: true; input: ProfileInput } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  if (draft.displayName.trim() === '') errors.displayName = 'is required';
  if (draft.tenant.trim() === '') errors.tenant = 'is required';
  const pollIntervalMs = parseWholeNumber(draft.pollIntervalMs);
  if (pollIntervalMs === null) errors.pollIntervalMs = 'must be a whole number of milliseconds';
  const deadlineMs = parseWholeNumber(draft.deadlineMs);
  if (deadlineMs === null) errors.deadlineMs = 'must be a whole number of milliseconds';
  if (Object.keys(errors).length > 0 || pollIntervalMs === null || deadlineMs === null) return { ok: false, errors };

  const settings: ProfileInput['settings'] = {
    tenant: draft.tenant.trim(),
    cloud: draft.cloud,
    connectorHost: draft.connectorHost,
    tokenVersion: draft.tokenVersion,
    credential: draft.credential,
    mode: draft.mode,
    pollIntervalMs,
    deadlineMs,
  };
  // Empty URL fields mean "derive from the cloud": omit them rather than send an invalid empty string.
  if (draft.loginBaseUrl.trim() !== '') settings.loginBaseUrl = draft.loginBaseUrl.trim();
  if (draft.connectorBaseUrl.trim() !== '') settings.connectorBaseUrl = draft.connectorBaseUrl.trim();
  if (draft.proxyUrl.trim() !== '') settings.proxyUrl = draft.proxyUrl.trim();

  const input: ProfileInput = { kind: 'entra', displayName: draft.displayName.trim(), settings };
  if (draft.id) input.id = draft.id;
  return { ok: true, input };
}

/** Maps main's "path: message" (e.g. `settings.tenant: must be …`) to the form field it names, if any. */
export function fieldErrorFromMessage(message: string): FieldErrors {
  const match = /^([\w.]+):\s*(.+)$/s.exec(message);
  if (!match) return {};
  const path = match[1] ?? '';
  const text = match[2] ?? '';
  const field = path.split('.').pop() ?? '';
  return Object.prototype.hasOwnProperty.call(fieldLabels, field) ? { [field as DraftField]: text } : {};
}
