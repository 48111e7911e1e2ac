/** The app's own authenticator through the enrollment checks: memory storage for the keychain, a hand-set clock. */
import { authenticatorRig } from '../unit/apptotp/helpers.js';
import { describeEnrollConformance } from './describe.js';

describeEnrollConformance(
  {
    name: 'App authenticator (RFC 6238)',
    stallDeadlineMs: 1_000,
    start() {
      const rig = authenticatorRig();
      const subject = { raw: 'alex@example.com', canonical: 'alex@example.com' };
      return Promise.resolve({
        enrollment: rig.provider.enrollment!,
        subject,
        userPassword: null,
        now: () => rig.clock.now(),
        advance: (ms) => rig.clock.advance(ms),
        isEnrolled: async () => (await rig.accounts.getSecret(subject.canonical)) !== null,
        close: () => Promise.resolve(),
      });
    },
  },
  // Nothing is asked of a server: there is no provider answer to break.
  false,
);
