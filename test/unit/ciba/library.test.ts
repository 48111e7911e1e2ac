/**
 * Why the app checks the ID token itself: openid-client 6 on its own accepts token answers the app must
 * refuse. These tests pin that library behaviour (through the same session the provider uses), so a
 * library upgrade that changes it is noticed; the provider's refusals are tested in faults.test.ts.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSession } from '../../../main/providers/ciba/client.js';
import { clientAuthFor } from '../../../main/providers/shared/client-auth.js';
import { createServerSource } from '../../../main/providers/ciba/server.js';
import type { CibaFault } from '../../../simulators/ciba/simulator.js';
import { ALICE, startRig, type CibaRig } from './helpers.js';

describe('openid-client alone (what the app’s own checks are for)', () => {
  let rig: CibaRig;
  beforeEach(async () => {
    rig = await startRig({ defaultBehaviour: { action: 'approve' } });
  });
  afterEach(async () => {
    await rig.close();
  });

  /** Sends one backchannel request and, after the phone approved, one token request with `fault` armed. */
  async function libraryVerdict(fault: CibaFault): Promise<boolean> {
    const signal = new AbortController().signal;
    const source = createServerSource({ settings: rig.settings, http: rig.http, clock: rig.clock, timeoutMs: 3000, maxAgeMs: 0, ctx: { provider: 'sim', pushMayBeOut: false } });
    const server = await source.get(signal);
    const auth = await clientAuthFor(rig.settings, rig.sim.clientSecret);
    if (!server.ok || !auth.ok) throw new Error('setup failed');
    const session = openSession({ settings: rig.settings, server: server.server, auth: auth.auth, http: rig.http, signal, timeoutMs: 3000 });
    const login = JSON.stringify({ format: 'iss_sub', iss: rig.sim.issuer, sub: ALICE });
    const started = await session.initiate({ scope: 'openid', login_hint: login, binding_message: 'MFA-0001' });
    if (!started.library.ok) throw new Error('initiate failed');
    await new Promise((resolve) => setTimeout(resolve, 10));
    await rig.clock.sleep(5000);
    rig.sim.setFault(fault);
    const polled = await session.grant((started.library.value as { auth_req_id: string }).auth_req_id);
    expect(polled.exchanges).toHaveLength(1);
    return polled.library.ok;
  }

  it.each(['id_token_bad_signature', 'id_token_missing', 'id_token_wrong_sub', 'error_with_200'] as const)(
    'accepts a token answer with %s',
    async (fault) => {
      expect(await libraryVerdict(fault)).toBe(true);
    },
  );

  it('refuses an ID token for another audience (the app refuses it too)', async () => {
    expect(await libraryVerdict('id_token_wrong_aud')).toBe(false);
  });
});
