/**
 * The app's form element: the browser's own validation is off (each form checks its fields and tells every
 * error at its field, see useFieldErrors), and a submit while the form is busy does nothing.
 */
import type { FormHTMLAttributes } from 'react';

type Props = Omit<FormHTMLAttributes<HTMLFormElement>, 'onSubmit' | 'noValidate'> & {
  busy: boolean;
  onSubmit: () => unknown;
};

/** A form that checks its own fields and ignores a submit while `busy`. */
export function CheckedForm({ busy, onSubmit, children, ...rest }: Props) {
  return (
    <form
      {...rest}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        // Why: the submit button is never disabled (it stays reachable); pressing it while busy sends nothing twice.
        if (!busy) void onSubmit();
      }}
    >
      {children}
    </form>
  );
}
