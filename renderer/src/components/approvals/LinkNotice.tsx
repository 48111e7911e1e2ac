/** What a deep link did: it pre-filled the form (to be checked, never trusted), or it was refused and why. */
import { useApprovals } from '../../stores/approvals';
import { Notice } from '../Notice';

export function LinkNotice() {
  const link = useApprovals((s) => s.link);
  if (!link) return null;
  return link.ok ? (
    <div data-testid="link-notice" data-ok="true">
      <Notice tone="warning" title="Filled in from a link">
        Check every field against the payment instruction before you review it: a link can be sent by anyone.
      </Notice>
    </div>
  ) : (
    <div data-testid="link-notice" data-ok="false">
      <Notice tone="error" title="The approval link was refused">
        {link.message}. The form was not changed.
      </Notice>
    </div>
  );
}
