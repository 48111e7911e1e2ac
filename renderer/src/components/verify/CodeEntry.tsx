/** The code the caller reads back (6 to 8 digits) and the attempts left. */
import { useEffect, useId, useRef, useState } from 'react';
import { isCodeWellFormed } from '../../lib/verifyRules';
import { useVerification } from '../../stores/verification';

export function CodeEntry({ attemptsLeft }: { attemptsLeft: number | null }) {
  const ids = useId();
  const [code, setCode] = useState('');
  const busy = useVerification((s) => s.codeBusy);
  const submitCode = useVerification((s) => s.submitCode);
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    inputRef.current?.focus();
  }, []);

  const submit = async () => {
    const sent = code;
    // Why: a code is single-use; clear it so a second click cannot resend a stale one.
    setCode('');
    const ok = await submitCode(sent);
    if (!ok) inputRef.current?.focus();
  };

  return (
    <form
      className="code-entry"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (isCodeWellFormed(code) && !busy) void submit();
      }}
    >
      <label htmlFor={`${ids}-code`}>Code the caller reads to you</label>
      <div className="field-row">
        <input
          ref={inputRef}
          id={`${ids}-code`}
          className="code-input"
          type="text"
          inputMode="numeric"
          autoComplete="off"
          spellCheck={false}
          pattern="[0-9]{6,8}"
          minLength={6}
          maxLength={8}
          aria-describedby={`${ids}-attempts`}
          value={code}
          disabled={busy}
          onChange={(event) => setCode(event.target.value.replace(/\D/g, '').slice(0, 8))}
        />
        <button type="submit" className="button button-primary" disabled={!isCodeWellFormed(code) || busy}>
          {busy ? 'Checking…' : 'Check code'}
        </button>
      </div>
      <p id={`${ids}-attempts`} className="field-hint">
        6 to 8 digits.
        {attemptsLeft !== null ? (
          <>
            {' '}
            <strong className="attempts-left">
              {attemptsLeft === 1 ? '1 attempt left' : `${attemptsLeft} attempts left`}
            </strong>
          </>
        ) : null}
      </p>
    </form>
  );
}
