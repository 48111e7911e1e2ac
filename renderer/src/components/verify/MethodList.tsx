/** The target's registered methods as chips (label, masked detail, default marker) and any caution about them. */
import type { AuthMethodView } from '../../../../contract/domain';
import { accountNotices } from '../../lib/verifyRules';
import { Breakable } from '../Breakable';

const kindLabels: Record<AuthMethodView['kind'], string> = {
  push: 'Approve in app',
  otp: 'Code',
  voice: 'Phone call',
};

export function MethodList({ subject, methods }: { subject: string; methods: AuthMethodView[] }) {
  if (methods.length === 0) {
    return (
      <p className="methods-empty" data-testid="methods">
        <Breakable text={subject} /> has no registered authentication methods. A push or code cannot reach the caller:
        verify them another way.
      </p>
    );
  }
  const notices = accountNotices(methods);
  return (
    <div className="methods" data-testid="methods">
      <p className="methods-caption">
        Registered methods for <Breakable text={subject} />:
      </p>
      <ul className="chips">
        {methods.map((method) => (
          <li key={method.id} className={method.isDefault ? 'chip chip-default' : 'chip'}>
            <span className="chip-label">{method.label}</span>
            {method.detail ? <span className="chip-detail">{method.detail}</span> : null}
            <span className="chip-kind">{kindLabels[method.kind]}</span>
            {method.isDefault ? <span className="chip-flag">Default</span> : null}
          </li>
        ))}
      </ul>
      {notices.map((notice) => (
        <div key={notice} className="notice notice-warning method-notice" data-testid="method-notice">
          <p className="notice-title">This account may soon have no usable method</p>
          <p>{notice}</p>
        </div>
      ))}
    </div>
  );
}
