/** A one-line text field of a request (an account, a reference, a ticket, an amount), in the one form pattern. */
import type { InputHTMLAttributes, RefObject } from 'react';
import { Field } from './Field';
import type { FieldErrors } from './useFieldErrors';

type Props<K extends string> = Pick<InputHTMLAttributes<HTMLInputElement>, 'maxLength' | 'placeholder' | 'inputMode'> & {
  form: FieldErrors<K>;
  name: K;
  label: string;
  hint?: string | null;
  value: string;
  /** Shown but not editable while the form is busy. */
  busy: boolean;
  onChange: (value: string) => void;
  inputRef?: RefObject<HTMLInputElement | null>;
};

/** A required text field the browser neither fills in nor spell-checks: what the agent types is what is sent. */
export function TextField<K extends string>({ form, name, label, hint, value, busy, onChange, inputRef, ...input }: Props<K>) {
  return (
    <Field form={form} name={name} label={label} hint={hint}>
      {(props) => (
        <input
          {...props}
          ref={inputRef}
          type="text"
          autoComplete="off"
          spellCheck={false}
          {...input}
          aria-required="true"
          value={value}
          readOnly={busy}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </Field>
  );
}
