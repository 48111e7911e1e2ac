/** Marks a setting the organisation's managed policy fixes, with the file it comes from. */
import { usePolicy } from '../../stores/policy';

export function ManagedBadge({ what }: { what: string }) {
  const source = usePolicy((s) => s.view?.source ?? null);
  return (
    <p className="managed-note" data-testid="managed-note">
      <span className="badge badge-managed">Managed</span> {what} is set by your organisation’s policy
      {source ? (
        <>
          {' '}
          (<code className="path">{source}</code>)
        </>
      ) : null}{' '}
      and cannot be changed here.
    </p>
  );
}
