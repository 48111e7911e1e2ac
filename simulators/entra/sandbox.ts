/** The Entra simulator as a sandbox backend: the "Sandbox (simulated Entra tenant)" profile and its phone. */
import type { PhonePrompt } from '../../contract/domain.js';
import type { SandboxContribution } from '../types.js';
import { simulatorSettings } from './settings.js';
import { entraFaults, isEntraFault, startEntraSimulator, type SimPrompt } from './simulator.js';

export const ENTRA_SANDBOX_PROFILE_ID = '5a4db0c5-0000-4000-8000-000000000001';
const SOURCE = 'Entra ID (simulated)';

/** Push prompts take every answer; a code shown by text message or a call only "ignore" makes sense for. */
function toPrompt(profileId: string, prompt: SimPrompt): PhonePrompt {
  return {
    id: prompt.id,
    profileId,
    source: SOURCE,
    subject: prompt.upn,
    kind: prompt.kind,
    bindingMessage: null,
    code: prompt.code,
    actions: ['approve', 'deny', 'fraud', 'ignore'],
    receivedAt: prompt.receivedAt,
  };
}

export const entraSandbox: SandboxContribution = {
  kind: 'entra',
  async start(options) {
    const simulator = await startEntraSimulator(options.pushTimeoutMs ? { pushTimeoutMs: options.pushTimeoutMs } : {});
    const profileId = ENTRA_SANDBOX_PROFILE_ID;
    return {
      kind: 'entra',
      profileId,
      profileName: 'Sandbox (simulated Entra tenant)',
      settings: simulatorSettings(simulator),
      secret: simulator.clientSecret,
      simulator,
      users: () => simulator.users().map(({ upn, description }) => ({ subject: upn, description })),
      prompts: () => simulator.prompts().map((prompt) => toPrompt(profileId, prompt)),
      respond: (promptId, action) => simulator.respond(promptId, action),
      faults: entraFaults,
      setFault(id) {
        if (!isEntraFault(id)) return false;
        simulator.setFault(id);
        return true;
      },
      nextFault: () => simulator.nextFault(),
      onChange: (listener) => simulator.onChange(listener),
      close: () => simulator.close(),
    };
  },
};
