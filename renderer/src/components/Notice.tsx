/** A message box: info, warning or error. Errors are announced to screen readers. */
import type { ReactNode } from 'react';

export function Notice({
  tone,
  children,
  title,
}: {
  tone: 'info' | 'warning' | 'error';
  children: ReactNode;
  title?: string;
}) {
  return (
    <div className={`notice notice-${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      {title ? <p className="notice-title">{title}</p> : null}
      <div className="notice-body">{children}</div>
    </div>
  );
}
