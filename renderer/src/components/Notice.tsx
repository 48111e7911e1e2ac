/**
 * A message box: info, warning or error. Errors are announced to screen readers. A `focusable` notice is a
 * confirmation that replaces what was pressed: focus is moved to it (by its id), and it is read then.
 */
import type { ReactNode } from 'react';

export function Notice({
  tone,
  children,
  title,
  id,
  focusable = false,
  testId,
}: {
  tone: 'info' | 'warning' | 'error';
  children: ReactNode;
  title?: string;
  id?: string;
  focusable?: boolean;
  testId?: string;
}) {
  // A notice that takes focus is read when focused; a live role as well would read it twice.
  const role = focusable ? undefined : tone === 'error' ? 'alert' : 'status';
  return (
    <div id={id} className={`notice notice-${tone}`} role={role} tabIndex={focusable ? -1 : undefined} data-testid={testId}>
      {title ? <p className="notice-title">{title}</p> : null}
      <div className="notice-body">{children}</div>
    </div>
  );
}
