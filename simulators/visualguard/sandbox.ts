/**
 * "Sandbox (simulated VisualGuard)": the VisualGuard simulator on 127.0.0.1 with the real provider module
 * pointed at it. Users sign in without a password; the QR is downloaded as an image. The simulated phone's
 * authenticator app scans the QR on screen and shows the codes.
 */
import type { SandboxContribution } from '../types.js';
import { isVgFault, vgFaultViews } from './faults.js';
import { simulatorSettings } from './settings.js';
import { startVisualguardSimulator } from './simulator.js';

export const VISUALGUARD_SANDBOX_PROFILE_ID = '5a4db0c5-0000-4000-8000-000000000005';
export const VISUALGUARD_SANDBOX_PROFILE_NAME = 'Sandbox (simulated VisualGuard)';

export const visualguardSandbox: SandboxContribution = {
  kind: 'visualguard',
  async start() {
    const sim = await startVisualguardSimulator();
    return {
      kind: 'visualguard',
      profileId: VISUALGUARD_SANDBOX_PROFILE_ID,
      profileName: VISUALGUARD_SANDBOX_PROFILE_NAME,
      settings: { ...simulatorSettings(sim), serverUrl: sim.serverUrl, clientId: sim.clientId },
      secret: sim.clientSecret,
      simulator: sim,
      users: () => sim.users(),
      prompts: () => [],
      respond: () => false,
      faults: vgFaultViews.map(({ id, label }) => ({ id, label })),
      setFault(id) {
        if (!isVgFault(id)) return false;
        sim.setFault(id);
        return true;
      },
      nextFault: () => sim.nextFault(),
      onChange: (listener) => sim.onChange(listener),
      close: () => sim.close(),
    };
  },
};
