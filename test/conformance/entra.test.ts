/** The Entra provider, against its simulator, through the conformance suite. */
import { createEntraProvider } from '../../main/providers/entra/provider.js';
import { systemClock } from '../../main/services/clock.js';
import { createHttpClient } from '../../main/services/http.js';
import { silentLogger } from '../../main/services/log.js';
import { simulatorSettings } from '../../simulators/entra/settings.js';
import { startEntraSimulator } from '../../simulators/entra/simulator.js';
import { describeConformance } from './describe.js';

describeConformance({
  name: 'Microsoft Entra ID (simulator)',
  stallDeadlineMs: 600,
  async start() {
    const sim = await startEntraSimulator({ pushTimeoutMs: 5000, defaultBehaviour: 'interactive' });
    const http = createHttpClient();
    const upn = `push@${sim.tenantDomain}`;
    const provider = createEntraProvider(
      simulatorSettings(sim),
      { http, clock: systemClock, logger: silentLogger, readSecret: async () => sim.clientSecret },
      // The production module uses the same factory with production timeouts; only the wait is shortened.
      { syncBeginTimeoutMs: 600 },
    );
    return {
      provider,
      subject: { raw: upn, canonical: upn.toLowerCase() },
      arrange(scenario) {
        sim.setFault('none');
        sim.setUserBehaviour(upn, null);
        switch (scenario) {
          case 'approve':
            return sim.setUserBehaviour(upn, { action: 'approve', delayMs: 10 });
          case 'deny':
            return sim.setUserBehaviour(upn, { action: 'deny', delayMs: 10 });
          case 'approve_other_subject':
            return sim.setFault('wrong_upn');
          case 'unknown_state':
            return sim.setFault('unknown_value');
          case 'malformed':
            return sim.setFault('malformed_xml');
          case 'http_500':
            return sim.setFault('http_500');
          case 'html':
            return sim.setFault('html_body');
          case 'oversize':
            return sim.setFault('oversize_body');
          case 'stall':
            return sim.setFault('stall');
          case 'never_answer':
            return undefined; // interactive: nobody answers the push
        }
      },
      // A sync push is one Begin; token requests go elsewhere and send nothing to the phone.
      pushRequests: () => sim.counts().connectorRequests,
      async close() {
        http.close();
        await sim.close();
      },
    };
  },
});
