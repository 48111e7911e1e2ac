/**
 * The screen's <h1>. After the operator navigates, focus moves here so keyboard and screen-reader users
 * land at the top of the new screen instead of staying in the navigation.
 */
import { useEffect, useRef, type ReactNode } from 'react';
import { useNav } from '../stores/nav';

export function ScreenHeading({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  const navigations = useNav((s) => s.navigations);
  useEffect(() => {
    if (navigations > 0) ref.current?.focus();
  }, [navigations]);
  return (
    <h1 ref={ref} tabIndex={-1} className="screen-title">
      {children}
    </h1>
  );
}
