/** VisualGuard enrollment, against its simulator on a hand-set clock, through the enrollment checks. */
import { visualguardContract } from '../../contract/providers/visualguard.js';
import { createVisualguardProvider } from '../../main/providers/visualguard/provider.js';
import { createHttpClient } from '../../main/services/http.js';
import { silentLogger } from '../../main/services/log.js';
import { simulatorSettings } from '../../simulators/visualguard/settings.js';
import { startVisualguardSimulator, type VgFault } from '../../simulators/visualguard/simulator.js';
import { manualClock } from '../helpers/accounts.js';
import { describeEnrollConformance } from './describe.js';
import type { EnrollFault } from './enroll-suite.js';

const USER = 'jdoe';
const faults: Record<EnrollFault, VgFault> = { malformed: 'malformed_json', http_500: 'http_500', html: 'html_body', oversize: 'oversize_body', stall: 'stall' };

describeEnrollConformance(
  {
    name: 'VisualGuard MFAEnrollment (simulator)',
    stallDeadlineMs: 600,
    async start() {
      const clock = manualClock(Date.now());
      // The stall outlasts the provider's request deadline, so the provider's own timeout is what ends it.
      const sim = await startVisualguardSimulator({ now: () => clock.now(), stallMaxMs: 10_000 });
      const http = createHttpClient();
      const settings = visualguardContract.settingsSchema.parse(simulatorSettings(sim));
      // The production factory; only the request deadline is shortened.
      const provider = createVisualguardProvider(settings, { http, clock, logger: silentLogger, readSecret: () => Promise.resolve(sim.clientSecret) }, { requestTimeoutMs: 600 });
      return {
        enrollment: provider.enrollment!,
        subject: { raw: USER, canonical: USER },
        userPassword: null,
        now: () => clock.now(),
        advance: (ms) => clock.advance(ms),
        isEnrolled: () => Promise.resolve(sim.user(USER)?.kind === 'enrolled'),
        arrange: (fault, at) => sim.setFault(faults[fault], at === 'start' ? 'token' : 'validate'),
        async close() {
          http.close();
          await sim.close();
        },
      };
    },
  },
  true,
);
