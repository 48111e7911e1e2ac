/**
 * One labelled field of a form using useFieldErrors: the label, the control (given the props that link it
 * to its hint and message), the message right under the control, then the hint.
 */
import type { ReactNode } from 'react';
import type { ControlProps, FieldErrors } from './useFieldErrors';

/** A field: label, control (given its linking props), message, hint. */
export function Field<K extends string>({
  form,
  name,
  label,
  hint,
  className,
  children,
}: {
  form: FieldErrors<K>;
  name: K;
  label: ReactNode;
  hint?: ReactNode;
  className?: string;
  children: (props: ControlProps) => ReactNode;
}) {
  const message = form.errors[name];
  const classes = ['field', message ? 'field-invalid' : '', className ?? ''].filter(Boolean).join(' ');
  return (
    <div className={classes}>
      <label htmlFor={form.ids.control(name)}>{label}</label>
      {children(form.control(name, hint !== undefined && hint !== null))}
      <FieldMessage form={form} name={name} />
      {hint !== undefined && hint !== null ? (
        <p id={form.ids.hint(name)} className="field-hint">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/** The message of one field (for controls laid out by hand); nothing when the field is valid. */
export function FieldMessage<K extends string>({ form, name }: { form: FieldErrors<K>; name: K }) {
  const message = form.errors[name];
  if (!message) return null;
  return (
    <p id={form.ids.error(name)} className="field-error">
      {message}
    </p>
  );
}
