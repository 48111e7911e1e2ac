/** The app's own authenticator through the read-back code checks, with two enrolled accounts and a hand-set clock. */
import { totp } from '../../main/services/totp.js';
import { authenticatorRig, enroll } from '../unit/apptotp/helpers.js';
import { describeCodeConformance } from './describe.js';

describeCodeConformance({
  name: 'App authenticator (RFC 6238)',
  async start() {
    const rig = authenticatorRig({ maxAttempts: 10 });
    const subject = { raw: 'alex@example.com', canonical: 'alex@example.com' };
    const other = { raw: 'sam@example.com', canonical: 'sam@example.com' };
    const phones = new Map([
      [subject.canonical, await enroll(rig, subject)],
      [other.canonical, await enroll(rig, other)],
    ]);
    return {
      provider: rig.provider,
      subject,
      other,
      code: (who) => totp(phones.get(who.canonical)!, rig.clock.now()),
      nextStep: () => rig.clock.advance(30_000),
      close: async () => undefined,
    };
  },
});
