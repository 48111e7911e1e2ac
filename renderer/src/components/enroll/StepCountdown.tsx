/** The countdown of the current time step: the user's app shows a new code when it reaches zero. */
import { secondsLeftInStep } from '../../lib/enrollRules';
import { useNow } from '../useNow';

export function StepCountdown({ period }: { period: number }) {
  const now = useNow(true, 250);
  const left = secondsLeftInStep(now, period);
  return (
    <div className="step-countdown" role="timer" aria-live="off" data-testid="step-countdown">
      <span className="step-countdown-text">
        The code changes in <strong>{left} s</strong>
      </span>
      <span className="step-countdown-bar" aria-hidden="true">
        <span className="step-countdown-fill" style={{ width: `${(left / period) * 100}%` }} />
      </span>
    </div>
  );
}
