/** The CIBA sandbox profile: the simulated phone shows the binding code, and the real provider runs against it. */
import { afterEach, describe, expect, it } from 'vitest';
import { cibaContract } from '../../../contract/providers/ciba.js';
import { createCibaProvider } from '../../../main/providers/ciba/provider.js';
import { systemClock } from '../../../main/services/clock.js';
import { createHttpClient } from '../../../main/services/http.js';
import { silentLogger } from '../../../main/services/log.js';
import { CIBA_SANDBOX_PROFILE_ID, startCibaSandbox, type CibaSandboxBackend } from '../../../simulators/ciba/sandbox.js';
import { ALICE, outcomeOf, verify } from './helpers.js';

describe('CIBA sandbox', () => {
  let backend: CibaSandboxBackend | null = null;
  const http = createHttpClient();
  afterEach(async () => {
    await backend?.close();
    backend = null;
  });

  it('offers a valid profile, users, faults with plain labels, and prompts that carry the binding code', async () => {
    backend = await startCibaSandbox({ pushTimeoutMs: 60_000 }, { intervalS: 1 });
    expect(backend.profileId).toBe(CIBA_SANDBOX_PROFILE_ID);
    expect(cibaContract.settingsSchema.safeParse(backend.settings).success).toBe(true);
    expect(backend.users().map((u) => u.subject)).toContain(ALICE);
    expect(backend.faults.map((f) => f.id)).toEqual(expect.arrayContaining(['http_500', 'stall', 'id_token_wrong_sub', 'slow_down']));
    expect(backend.faults.every((f) => !/_/.test(f.label))).toBe(true);
    expect(backend.setFault('not-a-fault')).toBe(false);
    expect(backend.setFault('http_500')).toBe(true);
    expect(backend.nextFault()).toBe('http_500');
    expect(backend.setFault('none')).toBe(true);

    const provider = createCibaProvider(cibaContract.settingsSchema.parse(backend.settings), {
      http,
      clock: systemClock,
      logger: silentLogger,
      readSecret: () => Promise.resolve(backend!.secret),
    });
    let prompt: ReturnType<CibaSandboxBackend['prompts']>[number] | undefined;
    const run = await verify(provider, ALICE, {
      onProgress: (p) => {
        if (!p.bindingMessage) return;
        prompt = backend!.prompts()[0];
        expect(backend!.respond(prompt!.id, 'fraud')).toBe(false);
        expect(backend!.respond(prompt!.id, 'approve')).toBe(true);
      },
    });
    expect(prompt).toMatchObject({ profileId: CIBA_SANDBOX_PROFILE_ID, subject: ALICE, kind: 'push', actions: ['approve', 'deny', 'ignore'] });
    expect(prompt?.bindingMessage).toBe(run.progress[0]?.bindingMessage);
    // Real clock and HTTP: one poll after the simulator's (test) interval of 1 s gets the answer.
    expect(outcomeOf(run.step).status).toBe('approved');
    expect(backend.prompts()).toHaveLength(0);
  });
});
