/** Small stroke icons drawn in the current text colour. Decorative: the status word carries the meaning. */
import type { IconName } from '../lib/status';

const paths: Record<IconName, string[]> = {
  check: ['M5 12.5l4.5 4.5L19 7.5'],
  cross: ['M6 6l12 12', 'M18 6L6 18'],
  alert: ['M12 3.5L22 20.5H2z', 'M12 10v5', 'M12 17.5v.5'],
  shield: ['M12 2.5l8 3v6c0 5-3.4 8.8-8 10-4.6-1.2-8-5-8-10v-6z', 'M8.5 8.5l7 7', 'M15.5 8.5l-7 7'],
  clock: ['M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18z', 'M12 7v5l3.5 2'],
  lock: ['M6 11h12v9H6z', 'M8.5 11V8a3.5 3.5 0 0 1 7 0v3'],
  ban: ['M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18z', 'M5.6 5.6l12.8 12.8'],
  waiting: ['M7 3h10', 'M7 21h10', 'M8 3c0 5 8 5 8 9s-8 4-8 9', 'M16 3c0 5-8 5-8 9s8 4 8 9'],
  keypad: ['M4 5h16v14H4z', 'M8 9h.01', 'M12 9h.01', 'M16 9h.01', 'M8 13h.01', 'M12 13h.01', 'M16 13h.01'],
  dot: ['M12 9a3 3 0 1 0 0 6a3 3 0 1 0 0-6z'],
};

export function Icon({ name, className }: { name: IconName; className?: string }) {
  return (
    <svg
      className={className ? `icon ${className}` : 'icon'}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2.25"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
      data-icon={name}
    >
      {paths[name].map((d) => (
        <path key={d} d={d} />
      ))}
    </svg>
  );
}
