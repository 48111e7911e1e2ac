/**
 * Deep links (mfa-approver://approve?…) as they arrive from the OS or, in the browser shell, from the page's
 * address: parsed strictly by the contract's parser and never trusted. A link only pre-fills the release
 * form the approver reviews; it cannot create a release, sign anyone in or approve anything. The last
 * accepted draft waits until the screen takes it (a link may arrive before the window is ready).
 */
import { parseDeepLink, type ReleaseDraft } from '../../../contract/approvals.js';
import type { LinkView } from '../../../contract/approvals-view.js';
import type { EventBus } from '../events.js';
import type { ApprovalAudit } from './audit.js';

export interface LinkIntake {
  /** Parses a link; `keep` holds an accepted one until the screen takes it (links from the OS). */
  open(raw: unknown, keep: boolean): LinkView;
  take(): ReleaseDraft | null;
}

export function createLinkIntake(deps: { audit: ApprovalAudit; events: EventBus }): LinkIntake {
  let waiting: ReleaseDraft | null = null;
  return {
    open(raw, keep) {
      const parsed = parseDeepLink(raw);
      // The link itself is never recorded (it is untrusted text); which fields it filled, or why it was refused, is.
      const detail = parsed.ok ? `fields: ${Object.keys(parsed.draft).join(', ') || 'none'}` : parsed.message;
      deps.audit.record(null, 'approval.link', parsed.ok ? 'accepted' : 'refused', detail);
      const view: LinkView = parsed.ok ? { ok: true, draft: parsed.draft } : { ok: false, message: parsed.message };
      if (parsed.ok && keep) waiting = parsed.draft;
      deps.events.emit('approvals:link', view);
      return view;
    },
    take() {
      const draft = waiting;
      waiting = null;
      return draft;
    },
  };
}
