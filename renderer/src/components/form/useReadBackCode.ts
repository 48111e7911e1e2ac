/**
 * A code read from an authenticator and sent to main for checking: the field's value (digits only), its
 * errors, and the submit that checks the form, clears the field and sends the code once. A code main refused
 * while it still waits for one is told at the field, which takes focus again.
 */
import { useState } from 'react';
import { useFieldErrors, type FieldErrors } from './useFieldErrors';

/** What main answers to a code: a failure of the call itself, or the flow as it now stands. */
type CodeAnswer = { ok: true; view: { status: string } } | { ok: false; message: string } | null;

export interface ReadBackCode {
  /** The most digits the field takes. */
  maxDigits: number;
  wellFormed: (code: string) => boolean;
  /** Messages at the field: nothing typed, not the right shape, refused by the provider. */
  words: { empty: string; malformed: string; refused: string };
  send: (code: string) => Promise<CodeAnswer>;
}

/** The errors, value, change handler and submit of a read-back code field, named as CodeForm takes them. */
export function useReadBackCode({ maxDigits, wellFormed, words, send }: ReadBackCode): {
  form: FieldErrors<'code'>;
  value: string;
  onChange: (raw: string) => void;
  onSubmit: () => Promise<void>;
} {
  const [code, setCode] = useState('');
  const errors = useFieldErrors<'code'>(() => 'The code', 'Not checked');

  const submit = async () => {
    if (!wellFormed(code)) {
      errors.show({ code: code.trim() === '' ? words.empty : words.malformed }, ['code']);
      return;
    }
    const sent = code;
    // Why: a code is single-use; clear it so a second press cannot resend a stale one.
    setCode('');
    const result = await send(sent);
    if (!result) return;
    if (!result.ok) errors.fail(result.message);
    // Still waiting for a code: the provider refused this one; say so at the field and go back to it.
    else if (result.view.status === 'awaiting_code') errors.show({ code: words.refused }, ['code']);
  };

  return { form: errors, value: code, onChange: (raw) => setCode(raw.replace(/\D/g, '').slice(0, maxDigits)), onSubmit: submit };
}
