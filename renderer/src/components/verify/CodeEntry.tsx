/** The code the caller reads back (6 to 8 digits) and the attempts left; a wrong or malformed code is told at the field. */
import { useEffect } from 'react';
import { isCodeWellFormed } from '../../lib/verifyRules';
import { useVerification } from '../../stores/verification';
import { CodeForm, WithTriesLeft } from '../form/CodeForm';
import { useReadBackCode } from '../form/useReadBackCode';

const WORDS = {
  empty: 'Enter the code the caller reads to you: 6 to 8 digits.',
  malformed: 'The code must be 6 to 8 digits.',
  refused: 'That code was not accepted. Ask the caller to read the current code again.',
};

export function CodeEntry({ attemptsLeft }: { attemptsLeft: number | null }) {
  const busy = useVerification((s) => s.codeBusy);
  const submitCode = useVerification((s) => s.submitCode);
  const entry = useReadBackCode({ maxDigits: 8, wellFormed: isCodeWellFormed, words: WORDS, send: submitCode });

  // The panel shows this form when a code is due (and keeps it while checking): it takes focus once, when shown.
  useEffect(() => {
    document.getElementById(entry.form.ids.control('code'))?.focus();
  }, [entry.form.ids]);

  return (
    <CodeForm
      {...entry}
      name="Code check"
      label="Code the caller reads to you"
      hint={<WithTriesLeft hint="6 to 8 digits." left={attemptsLeft} one="attempt" many="attempts" />}
      busy={busy}
      input={{ inputMode: 'numeric', autoComplete: 'off', maxLength: 8 }}
      action="Check code"
    />
  );
}
