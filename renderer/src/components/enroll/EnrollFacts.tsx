/** What the provider reported about the account: facts (methods on file, masked) and state notices. */
import type { EnrollmentView } from '../../../../contract/domain';
import { Fact } from '../Outcome';

export function EnrollFacts({ view }: { view: EnrollmentView }) {
  // A notice the headline already says is not repeated.
  const notices = view.notices.filter((notice) => !view.message.includes(notice));
  if (view.facts.length === 0 && notices.length === 0) return null;
  return (
    <div className="enroll-facts">
      {notices.length > 0 ? (
        <ul className="enroll-notices" aria-label="What the provider reports about the account">
          {notices.map((notice) => (
            <li key={notice}>{notice}</li>
          ))}
        </ul>
      ) : null}
      {view.facts.length > 0 ? (
        <dl className="status-meta">
          {view.facts.map((fact) => (
            <Fact key={fact.label} term={fact.label}>{fact.value}</Fact>
          ))}
        </dl>
      ) : null}
    </div>
  );
}
