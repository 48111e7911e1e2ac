/**
 * Text such as an e-mail address or a code, with line-break opportunities after "@", "." and "_" only: each
 * part between them stays whole (no break at a hyphen or mid-word), so "push-totp@contoso.example" can wrap
 * as "push-totp@ / contoso. / example" but never as "push- / totp@…".
 */
import { Fragment } from 'react';

export function Breakable({ text }: { text: string }) {
  const parts = text.split(/(?<=[@._])/);
  return (
    <>
      {parts.map((part, index) => (
        <Fragment key={index}>
          {index > 0 ? <wbr /> : null}
          <span className="unbroken">{part}</span>
        </Fragment>
      ))}
    </>
  );
}
