/** The first code the user reads back from their app (6 digits), and the tries left; a refused code is told at the field. */
import { useEffect } from 'react';
import { isEnrollCodeWellFormed } from '../../lib/enrollRules';
import { useEnrollment } from '../../stores/enrollment';
import { CodeForm, WithTriesLeft } from '../form/CodeForm';
import { useReadBackCode } from '../form/useReadBackCode';

const WORDS = {
  empty: 'Enter the 6-digit code the user reads from their app.',
  malformed: 'The code must be 6 digits.',
  // The panel above says why the provider refused it.
  refused: 'That code was not accepted. Ask the user to read the code their app shows now.',
};

export function EnrollCodeEntry({ attemptsLeft, busy }: { attemptsLeft: number | null; busy: boolean }) {
  const confirm = useEnrollment((s) => s.confirm);
  const entry = useReadBackCode({ maxDigits: 6, wellFormed: isEnrollCodeWellFormed, words: WORDS, send: confirm });

  // Back to the field after each check (the panel keeps the field while it checks).
  useEffect(() => {
    if (!busy) document.getElementById(entry.form.ids.control('code'))?.focus();
  }, [busy, entry.form.ids]);

  return (
    <CodeForm
      {...entry}
      name="First code"
      label="First code from the user’s app"
      hint={<WithTriesLeft hint="6 digits, from the account the user just added." left={attemptsLeft} one="try" many="tries" />}
      busy={busy}
      input={{ inputMode: 'numeric', autoComplete: 'off', maxLength: 6 }}
      action="Confirm code"
    />
  );
}
