/** The OpenID CIBA provider, against the Auth0-style simulator, through the conformance suite. */
import { cibaContract } from '../../contract/providers/ciba.js';
import { createCibaProvider } from '../../main/providers/ciba/provider.js';
import { createHttpClient } from '../../main/services/http.js';
import { silentLogger } from '../../main/services/log.js';
import { simulatorSettings } from '../../simulators/ciba/settings.js';
import { startCibaSimulator, type CibaFault } from '../../simulators/ciba/simulator.js';
import { virtualClock } from '../unit/ciba/helpers.js';
import { describeConformance } from './describe.js';
import type { Scenario } from './suite.js';

const SUBJECT = 'auth0|65f1a2b3c4d5e6f7a8b9c0d1';

/** The fault to arm and how the simulated phone answers, per scenario. */
const plans: Record<Scenario, { fault: CibaFault; phone: 'approve' | 'deny' | 'none' }> = {
  approve: { fault: 'none', phone: 'approve' },
  approve_other_subject: { fault: 'id_token_wrong_sub', phone: 'approve' },
  deny: { fault: 'none', phone: 'deny' },
  // CIBA has no state field: a success status that carries an error member is the "unknown state".
  unknown_state: { fault: 'error_with_200', phone: 'approve' },
  malformed: { fault: 'malformed_json', phone: 'none' },
  http_500: { fault: 'http_500', phone: 'none' },
  html: { fault: 'html_body', phone: 'none' },
  oversize: { fault: 'oversize_body', phone: 'none' },
  stall: { fault: 'stall', phone: 'none' },
  never_answer: { fault: 'none', phone: 'none' },
};

describeConformance({
  name: 'OpenID CIBA (Auth0-style simulator)',
  stallDeadlineMs: 600,
  async start() {
    const clock = virtualClock();
    const sim = await startCibaSimulator({ clock });
    const http = createHttpClient();
    const settings = cibaContract.settingsSchema.parse(simulatorSettings(sim));
    const provider = createCibaProvider(
      settings,
      { http, clock, logger: silentLogger, readSecret: () => Promise.resolve(sim.clientSecret) },
      // The production module uses the same factory with production timeouts; only the wait is shortened.
      { requestTimeoutMs: 600 },
    );
    let phone: 'approve' | 'deny' | 'none' = 'none';
    // The simulated phone answers every request as soon as it arrives, as the arranged scenario says.
    sim.onChange(() => {
      for (const request of sim.pending()) {
        if (phone === 'approve') sim.approve(request.id);
        if (phone === 'deny') sim.reject(request.id);
      }
    });
    return {
      provider,
      subject: { raw: SUBJECT, canonical: SUBJECT },
      arrange(scenario) {
        const plan = plans[scenario];
        phone = plan.phone;
        sim.setFault(plan.fault);
      },
      pushRequests: () => sim.counts().bcAuthorize,
      async close() {
        http.close();
        await sim.close();
      },
    };
  },
});
