/** The skip link from a sandbox screen's main column to the simulated phone beside (or below) it. */

/** A link that moves focus to the simulated phone's heading (`#simulated-phone`, see PhonePanel). */
export function PhoneJump({ children }: { children: string }) {
  return (
    <a
      className="phone-jump"
      href="#simulated-phone"
      onClick={(event) => {
        // The hash holds the current screen; move focus without touching it.
        event.preventDefault();
        const phone = document.getElementById('simulated-phone');
        phone?.focus();
        phone?.scrollIntoView({ block: 'start' });
      }}
    >
      {children}
    </a>
  );
}
