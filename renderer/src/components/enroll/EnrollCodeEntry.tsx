/** The first code the user reads back from their app (6 digits), and the tries left. */
import { useEffect, useId, useRef, useState } from 'react';
import { isEnrollCodeWellFormed } from '../../lib/enrollRules';
import { useEnrollment } from '../../stores/enrollment';

export function EnrollCodeEntry({ attemptsLeft, busy }: { attemptsLeft: number | null; busy: boolean }) {
  const ids = useId();
  const [code, setCode] = useState('');
  const confirm = useEnrollment((s) => s.confirm);
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!busy) inputRef.current?.focus();
  }, [busy]);

  return (
    <form
      className="code-entry"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (!isEnrollCodeWellFormed(code) || busy) return;
        const sent = code;
        // Why: a code is single-use; clear it so a second press cannot resend a stale one.
        setCode('');
        void confirm(sent);
      }}
    >
      <label htmlFor={`${ids}-code`}>First code from the user’s app</label>
      <div className="field-row">
        <input
          ref={inputRef}
          id={`${ids}-code`}
          className="code-input"
          type="text"
          inputMode="numeric"
          autoComplete="off"
          spellCheck={false}
          pattern="[0-9]{6}"
          maxLength={6}
          aria-describedby={`${ids}-hint`}
          value={code}
          disabled={busy}
          onChange={(event) => setCode(event.target.value.replace(/\D/g, '').slice(0, 6))}
        />
        <button type="submit" className="button button-primary" disabled={!isEnrollCodeWellFormed(code) || busy}>
          {busy ? 'Checking…' : 'Confirm code'}
        </button>
      </div>
      <p id={`${ids}-hint`} className="field-hint">
        6 digits, from the account the user just added.
        {attemptsLeft !== null ? (
          <>
            {' '}
            <strong className="attempts-left">{attemptsLeft === 1 ? '1 try left' : `${attemptsLeft} tries left`}</strong>
          </>
        ) : null}
      </p>
    </form>
  );
}
