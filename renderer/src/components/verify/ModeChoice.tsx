/**
 * Push or code read-back. A mode the account's registered methods cannot serve is shown with the reason and
 * cannot be chosen; the other one is then used.
 */
import { useId } from 'react';
import type { VerificationMode } from '../../../../contract/domain';
import type { ModeAvailability } from '../../lib/verifyRules';

const modes: { mode: VerificationMode; title: string; hint: string; unavailable: string }[] = [
  {
    mode: 'push',
    title: 'Push',
    hint: 'The account holder approves a notification in their authenticator app.',
    unavailable: 'Not available: the account has no push method, so no push will be sent.',
  },
  {
    mode: 'otp',
    title: 'Code read-back',
    hint: 'The caller reads you a code from their authenticator app or a text message; you type it in.',
    unavailable: 'Not available: the account has no code method (authenticator code or text message).',
  },
];

/** The two verification modes as radio buttons, each with its reason when unavailable. */
export function ModeChoice({
  available,
  mode,
  busy,
  onChoose,
}: {
  available: ModeAvailability;
  mode: VerificationMode;
  busy: boolean;
  onChoose: (mode: VerificationMode) => void;
}) {
  const name = useId();
  return (
    <fieldset className="field mode-choice">
      <legend>Verification mode</legend>
      {modes.map((m) => (
        <label key={m.mode} className={available[m.mode] ? 'radio' : 'radio radio-unavailable'}>
          <input
            type="radio"
            name={name}
            value={m.mode}
            checked={mode === m.mode}
            disabled={!available[m.mode]}
            onChange={() => !busy && onChoose(m.mode)}
          />
          <span>
            <span className="radio-title">{m.title}</span>
            <span className="radio-hint">{available[m.mode] ? m.hint : m.unavailable}</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}
