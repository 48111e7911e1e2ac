/**
 * What stopped a form, next to its submit button: the status line for invalid fields (a polite live region,
 * also the submit button's description) and a failure that belongs to no field (focused when shown).
 */
import type { FieldErrors } from './useFieldErrors';

/** The status line and the failure of a form, to render right after its submit button. */
export function FormStatus<K extends string>({ form, failureTitle }: { form: FieldErrors<K>; failureTitle: string }) {
  return (
    <>
      <p id={form.ids.summary} className="form-summary" role="status">
        {form.summary}
      </p>
      {form.failure ? (
        <div id={form.ids.failure} className="notice notice-error form-failure" tabIndex={-1}>
          <p className="notice-title">{failureTitle}</p>
          <p className="notice-body">{form.failure}</p>
        </div>
      ) : null}
    </>
  );
}

/** Props for a submit button: it stays focusable, and its description says why the form did not go. */
export function submitProps<K extends string>(form: FieldErrors<K>, busy: boolean) {
  return {
    type: 'submit' as const,
    'aria-disabled': busy ? true : undefined,
    'aria-describedby': form.summary ? form.ids.summary : form.failure ? form.ids.failure : undefined,
  };
}
