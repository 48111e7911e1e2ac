/**
 * Parts of an outcome panel (a verification, an enrollment): the head with its icon and one unmistakable
 * word, and the details kept for IT. The heading carries the word and the title; it takes focus when the
 * outcome changes, which is how the change is announced, once (the panels have no live region).
 */
import { useEffect, useRef, type ReactNode } from 'react';
import type { IconName } from '../lib/status';
import { Icon } from './Icon';

/**
 * The icon and the heading "WORD: title". The heading takes focus when `focus` holds and whenever
 * `focusKey` (the outcome it shows) changes while it holds.
 */
export function OutcomeHead({ id, icon, word, title, focus, focusKey }: { id: string; icon: IconName; word: string; title: string; focus: boolean; focusKey: string }) {
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (focus) headingRef.current?.focus();
  }, [focusKey, focus]);

  return (
    <div className="status-head">
      <Icon name={icon} className="status-icon" />
      <h2 id={id} ref={headingRef} tabIndex={-1} className="status-heading">
        <span className="status-word">{word}</span>
        <span className="visually-hidden">: </span>
        <span className="status-title">{title}</span>
      </h2>
    </div>
  );
}

/** The provider's code and technical detail of an ended flow, folded away for IT; nothing when there is neither. */
export function DetailsForIt({ code, detail }: { code: string | null | undefined; detail: string | null | undefined }) {
  if (!code && !detail) return null;
  return (
    <details className="status-details">
      <summary>Details for IT</summary>
      {code ? (
        <p className="status-code">
          Code: <code>{code}</code>
        </p>
      ) : null}
      {detail ? <p className="status-detail-text">{detail}</p> : null}
    </details>
  );
}

/** One term and its value in an outcome's list of facts (a `dl.status-meta`). */
export function Fact({ term, testId, children }: { term: string; testId?: string; children: ReactNode }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd data-testid={testId}>{children}</dd>
    </div>
  );
}
