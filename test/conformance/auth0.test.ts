/** The Auth0 step-up provider, against the Auth0 simulator on a virtual clock, through the step-up conformance suite. */
import { createAuth0StepUp } from '../../main/providers/auth0/step-up.js';
import { createHttpClient } from '../../main/services/http.js';
import { silentLogger } from '../../main/services/log.js';
import { simulatorSettings } from '../../simulators/auth0/settings.js';
import { startAuth0Simulator, type Auth0Fault } from '../../simulators/auth0/simulator.js';
import { virtualClock } from '../unit/ciba/helpers.js';
import { describeStepUpConformance } from './describe.js';
import type { StepUpScenario } from './step-up-suite.js';

const ALICE = 'alice@example.com';

/** The fault armed for the next token answer, and how the simulated phone answers the pending push. */
const plans: Record<StepUpScenario, { fault: Auth0Fault; phone: 'approve' | 'reject' | 'none' }> = {
  approve: { fault: 'none', phone: 'approve' },
  other_audience: { fault: 'id_token_wrong_aud', phone: 'approve' },
  other_issuer: { fault: 'id_token_wrong_iss', phone: 'approve' },
  forged_signature: { fault: 'id_token_bad_signature', phone: 'approve' },
  replayed_token: { fault: 'id_token_old', phone: 'approve' },
  deny: { fault: 'none', phone: 'reject' },
  // Auth0 answers have no state field: a success status that carries an error member is the "unknown state".
  unknown_state: { fault: 'error_with_200', phone: 'approve' },
  malformed: { fault: 'malformed_json', phone: 'none' },
  http_500: { fault: 'http_500', phone: 'none' },
  html: { fault: 'html_body', phone: 'none' },
  oversize: { fault: 'oversize_body', phone: 'none' },
  stall: { fault: 'stall', phone: 'none' },
  never_answer: { fault: 'none', phone: 'none' },
};

describeStepUpConformance({
  name: 'Auth0 MFA step-up (simulator)',
  stallDeadlineMs: 600,
  async start() {
    const clock = virtualClock();
    // The stall outlasts the provider's request deadline, so the provider's own timeout is what ends it.
    const sim = await startAuth0Simulator({ clock, stallMaxMs: 10_000 });
    const http = createHttpClient();
    // The production factory; only the request deadline is shortened (the poll interval runs on the virtual clock).
    const provider = createAuth0StepUp(simulatorSettings(sim), { http, clock, logger: silentLogger, readSecret: () => Promise.resolve(sim.clientSecret) }, { requestTimeoutMs: 600 });
    const user = sim.user(ALICE)!;
    return {
      provider,
      username: ALICE,
      password: user.password,
      subject: user.sub,
      arrange(scenario) {
        const plan = plans[scenario];
        for (const pending of sim.pending(user.sub)) {
          if (plan.phone === 'approve') sim.approve(pending.id);
          if (plan.phone === 'reject') sim.reject(pending.id);
        }
        sim.setFault(plan.fault);
      },
      code: () => sim.otpCode(ALICE)!,
      pushRequests: () => sim.counts().challenges,
      async close() {
        http.close();
        await sim.close();
      },
    };
  },
});
