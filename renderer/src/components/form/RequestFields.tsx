/**
 * The fields every request for someone else's account asks for (Verify, Enroll): the profile, the account,
 * the reason and the ticket. Each screen passes its own words (hints, the note when no profile fits) and its
 * own state; checking the values stays in lib/ (verifyRules, enrollRules, requestRules).
 */
import type { RefObject } from 'react';
import type { ProfileSummary } from '../../../../contract/domain';
import { REASON_MAX, TICKET_MAX } from '../../lib/requestRules';
import { screenHref } from '../../stores/nav';
import { Field, FieldMessage } from './Field';
import { TextField } from './TextField';
import type { FieldErrors } from './useFieldErrors';

/** A text field's value and its change; `busy`: shown but not editable while the request starts. */
interface Editable {
  value: string;
  busy: boolean;
  onChange: (value: string) => void;
}

/**
 * The profile to send through: a list of the profiles that fit, or, when none does, a note (the loading or
 * load error, else `none` and a link to Settings) that takes the field's message and focus.
 */
export function ProfileField({
  form,
  profiles,
  value,
  busy,
  onSelect,
  status,
  none,
  addLink,
}: {
  form: FieldErrors<'profile'>;
  profiles: readonly ProfileSummary[];
  value: string | null;
  busy: boolean;
  onSelect: (id: string) => void;
  status: { loaded: boolean; error: string | null };
  none: string;
  addLink: string;
}) {
  if (profiles.length > 0) {
    return (
      <Field form={form} name="profile" label="Profile">
        {(props) => (
          <select {...props} value={value ?? ''} aria-disabled={busy || undefined} onChange={(event) => !busy && onSelect(event.target.value)}>
            {profiles.map((p) => (
              <option key={p.id} value={p.id}>
                {p.sandbox && !/sandbox/i.test(p.displayName) ? `${p.displayName} (Sandbox)` : p.displayName}
              </option>
            ))}
          </select>
        )}
      </Field>
    );
  }
  return (
    <div className={form.errors.profile ? 'field field-invalid' : 'field'}>
      <p className="field-label" id={form.ids.control('profile')} tabIndex={-1}>
        Profile
      </p>
      <p className="field-note">
        {status.error ?? (status.loaded ? none : 'Loading profiles…')}
        {status.loaded && !status.error ? <a href={screenHref('settings')}>{addLink}</a> : null}
      </p>
      <FieldMessage form={form} name="profile" />
    </div>
  );
}

/** The account, named and explained as the selected provider does (`spec`). */
export function AccountField({
  spec,
  ...field
}: Editable & {
  form: FieldErrors<'subject'>;
  label: string;
  spec: { hint?: string; placeholder?: string } | null;
  inputRef: RefObject<HTMLInputElement | null>;
}) {
  return <TextField {...field} name="subject" hint={spec?.hint ?? null} placeholder={spec?.placeholder} />;
}

/** Why the request is made, in the agent's words (recorded in the audit log). */
export function ReasonField({ form, hint, rows, required, ...edit }: Editable & { form: FieldErrors<'reason'>; hint: string; rows: number; required: boolean }) {
  return (
    <Field form={form} name="reason" label="Reason" hint={hint}>
      {(props) => (
        <textarea
          {...props}
          rows={rows}
          maxLength={REASON_MAX}
          aria-required={required ? 'true' : undefined}
          value={edit.value}
          readOnly={edit.busy}
          onChange={(event) => edit.onChange(event.target.value)}
        />
      )}
    </Field>
  );
}

/** The helpdesk ticket the request belongs to. */
export function TicketField(field: Editable & { form: FieldErrors<'ticket'>; hint: string; placeholder: string }) {
  return <TextField {...field} name="ticket" label="Ticket reference" maxLength={TICKET_MAX} />;
}
