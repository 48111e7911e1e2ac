/** The first code the user reads back from their app (6 digits), and the tries left; a refused code is told at the field. */
import { useEffect, useState } from 'react';
import { isEnrollCodeWellFormed } from '../../lib/enrollRules';
import { useEnrollment } from '../../stores/enrollment';
import { Field } from '../form/Field';
import { FormStatus, submitProps } from '../form/FormStatus';
import { useFieldErrors } from '../form/useFieldErrors';

export function EnrollCodeEntry({ attemptsLeft, busy }: { attemptsLeft: number | null; busy: boolean }) {
  const [code, setCode] = useState('');
  const confirm = useEnrollment((s) => s.confirm);
  const errors = useFieldErrors<'code'>(() => 'The code', 'Not checked');

  useEffect(() => {
    if (!busy) document.getElementById(errors.ids.control('code'))?.focus();
  }, [busy, errors.ids]);

  const submit = async () => {
    if (!isEnrollCodeWellFormed(code)) {
      errors.show({ code: code.trim() === '' ? 'Enter the 6-digit code the user reads from their app.' : 'The code must be 6 digits.' }, ['code']);
      return;
    }
    const sent = code;
    // Why: a code is single-use; clear it so a second press cannot resend a stale one.
    setCode('');
    const result = await confirm(sent);
    if (!result) return;
    if (!result.ok) errors.fail(result.message);
    // Still waiting: the provider refused this code (the panel above says why); say so at the field, go back to it.
    else if (result.view.status === 'awaiting_code') errors.show({ code: 'That code was not accepted. Ask the user to read the code their app shows now.' }, ['code']);
  };

  return (
    <form
      className="code-entry"
      aria-label="First code"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (!busy) void submit();
      }}
    >
      <Field
        form={errors}
        name="code"
        label="First code from the user’s app"
        hint={
          <>
            6 digits, from the account the user just added.
            {attemptsLeft !== null ? (
              <>
                {' '}
                <strong className="attempts-left">{attemptsLeft === 1 ? '1 try left' : `${attemptsLeft} tries left`}</strong>
              </>
            ) : null}
          </>
        }
      >
        {(props) => (
          <div className="field-row">
            <input
              {...props}
              className="code-input"
              type="text"
              inputMode="numeric"
              autoComplete="off"
              spellCheck={false}
              maxLength={6}
              value={code}
              readOnly={busy}
              onChange={(event) => {
                setCode(event.target.value.replace(/\D/g, '').slice(0, 6));
                errors.clear('code');
              }}
            />
            <button className="button button-primary" {...submitProps(errors, busy)}>
              {busy ? 'Checking…' : 'Confirm code'}
            </button>
          </div>
        )}
      </Field>
      <FormStatus form={errors} failureTitle="The code was not checked" />
    </form>
  );
}
