/**
 * The one form for a code someone reads or types (a caller's read-back code, a user's first authenticator
 * code, an approver's step-up code): one field with its label, hint and message, its submit button right
 * beside it, and the form's status line. What the code is, how it is checked and sent stays with its screen.
 */
import type { InputHTMLAttributes, ReactNode } from 'react';
import { CheckedForm } from './CheckedForm';
import { Field } from './Field';
import { FormStatus, submitProps } from './FormStatus';
import type { FieldErrors } from './useFieldErrors';

interface Props {
  form: FieldErrors<'code'>;
  /** The form's accessible name. */
  name: string;
  label: ReactNode;
  hint: ReactNode;
  busy: boolean;
  value: string;
  onChange: (raw: string) => void;
  onSubmit: () => unknown;
  input: Pick<InputHTMLAttributes<HTMLInputElement>, 'inputMode' | 'autoComplete' | 'maxLength'>;
  /** The button's words when not busy (busy, it says "Checking…"). */
  action: string;
}

/** A code field with its submit button and the form's status, as one form. */
export function CodeForm({ form, name, label, hint, busy, value, onChange, onSubmit, input, action }: Props) {
  return (
    <CheckedForm className="code-entry" aria-label={name} busy={busy} onSubmit={onSubmit}>
      <Field form={form} name="code" label={label} hint={hint}>
        {(props) => (
          <div className="field-row">
            <input
              {...props}
              className="code-input"
              type="text"
              {...input}
              spellCheck={false}
              value={value}
              readOnly={busy}
              onChange={(event) => {
                onChange(event.target.value);
                form.clear('code');
              }}
            />
            <button className="button button-primary" {...submitProps(form, busy)}>
              {busy ? 'Checking…' : action}
            </button>
          </div>
        )}
      </Field>
      <FormStatus form={form} failureTitle="The code was not checked" />
    </CheckedForm>
  );
}

/** A field hint followed by the tries left, when the provider counts them ("1 try left", "3 tries left"). */
export function WithTriesLeft({ hint, left, one, many }: { hint: string; left: number | null; one: string; many: string }) {
  return (
    <>
      {hint}
      {left !== null ? (
        <>
          {' '}
          <strong className="attempts-left">{left === 1 ? `1 ${one} left` : `${left} ${many} left`}</strong>
        </>
      ) : null}
    </>
  );
}
