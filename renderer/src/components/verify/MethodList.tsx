/** The target's registered methods as chips: label, masked detail, default marker. */
import type { AuthMethodView } from '../../../../contract/domain';

const kindLabels: Record<AuthMethodView['kind'], string> = {
  push: 'Approve in app',
  otp: 'Code',
  voice: 'Phone call',
};

export function MethodList({ subject, methods }: { subject: string; methods: AuthMethodView[] }) {
  if (methods.length === 0) {
    return (
      <p className="methods-empty" role="status">
        {subject} has no registered authentication methods. A push or code cannot reach the caller: verify them another
        way.
      </p>
    );
  }
  return (
    <div className="methods" role="status">
      <p className="methods-caption">Registered methods for {subject}:</p>
      <ul className="chips" aria-label={`Registered methods for ${subject}`}>
        {methods.map((method) => (
          <li key={method.id} className={method.isDefault ? 'chip chip-default' : 'chip'}>
            <span className="chip-label">{method.label}</span>
            {method.detail ? <span className="chip-detail">{method.detail}</span> : null}
            <span className="chip-kind">{kindLabels[method.kind]}</span>
            {method.isDefault ? <span className="chip-flag">Default</span> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
