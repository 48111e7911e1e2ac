/** The code the caller reads back (6 to 8 digits) and the attempts left; a wrong or malformed code is told at the field. */
import { useEffect, useState } from 'react';
import { isCodeWellFormed } from '../../lib/verifyRules';
import { useVerification } from '../../stores/verification';
import { Field } from '../form/Field';
import { FormStatus, submitProps } from '../form/FormStatus';
import { useFieldErrors } from '../form/useFieldErrors';

const LABEL = 'Code the caller reads to you';

export function CodeEntry({ attemptsLeft }: { attemptsLeft: number | null }) {
  const [code, setCode] = useState('');
  const busy = useVerification((s) => s.codeBusy);
  const submitCode = useVerification((s) => s.submitCode);
  const errors = useFieldErrors<'code'>(() => 'The code', 'Not checked');

  useEffect(() => {
    document.getElementById(errors.ids.control('code'))?.focus();
  }, [errors.ids]);

  const submit = async () => {
    if (!isCodeWellFormed(code)) {
      errors.show({ code: code.trim() === '' ? 'Enter the code the caller reads to you: 6 to 8 digits.' : 'The code must be 6 to 8 digits.' }, ['code']);
      return;
    }
    const sent = code;
    // Why: a code is single-use; clear it so a second press cannot resend a stale one.
    setCode('');
    const result = await submitCode(sent);
    if (!result) return;
    if (!result.ok) errors.fail(result.message);
    // Still waiting for a code: the provider refused this one; say so at the field and go back to it.
    else if (result.view.status === 'awaiting_code') {
      errors.show({ code: 'That code was not accepted. Ask the caller to read the current code again.' }, ['code']);
    }
  };

  return (
    <form
      className="code-entry"
      aria-label="Code check"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (!busy) void submit();
      }}
    >
      <Field
        form={errors}
        name="code"
        label={LABEL}
        hint={
          <>
            6 to 8 digits.
            {attemptsLeft !== null ? (
              <>
                {' '}
                <strong className="attempts-left">{attemptsLeft === 1 ? '1 attempt left' : `${attemptsLeft} attempts left`}</strong>
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
              maxLength={8}
              value={code}
              readOnly={busy}
              onChange={(event) => {
                setCode(event.target.value.replace(/\D/g, '').slice(0, 8));
                errors.clear('code');
              }}
            />
            <button className="button button-primary" {...submitProps(errors, busy)}>
              {busy ? 'Checking…' : 'Check code'}
            </button>
          </div>
        )}
      </Field>
      <FormStatus form={errors} failureTitle="The code was not checked" />
    </form>
  );
}
