/**
 * The verification token of an approval that counts: shown, copyable, with the time it has left. The reset
 * step presents it ("verified" is never open-ended); once it expires the panel says so and shows it no more.
 */
import { useState } from 'react';
import type { VerificationView } from '../../../../contract/domain';
import { formatLocalTime } from '../../lib/format';
import { useNow } from '../useNow';

export function TokenPanel({ view }: { view: VerificationView }) {
  const token = view.token;
  const now = useNow(token !== null);
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  if (!token) return null;
  const left = Math.ceil((Date.parse(token.expiresAt) - now) / 1000);
  if (left <= 0) {
    return (
      <div className="token-panel token-expired" data-testid="verification-token" data-state="expired">
        <p className="token-label">Verification token</p>
        <p>
          The token expired at {formatLocalTime(token.expiresAt)}. If the reset has not been done yet, verify the caller again: an approval is never
          open-ended.
        </p>
      </div>
    );
  }
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(token.value);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  };
  return (
    <div className="token-panel" data-testid="verification-token" data-state="valid">
      <p className="token-label">Verification token for ticket {view.ticket}</p>
      <p className="token-value">
        <code data-testid="token-value">{token.value}</code>
      </p>
      <p className="token-expiry" data-testid="token-expiry">
        Valid once, for {left} more {left === 1 ? 'second' : 'seconds'} (until {formatLocalTime(token.expiresAt)}), for this account and ticket only.
      </p>
      <div className="token-actions">
        <button type="button" className="button" onClick={() => void copy()}>
          Copy token
        </button>
        <span role="status" className="token-copied">
          {copied === 'yes' ? 'Copied.' : copied === 'failed' ? 'The token could not be copied: select it and copy it by hand.' : ''}
        </span>
      </div>
    </div>
  );
}
