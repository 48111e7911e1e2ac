import { afterEach, describe, it, expect } from 'vitest';
import type { EntraFault } from '../../../simulators/entra/simulator.js';
import { outcomeOf, start, startRig, subjectOf, type Rig } from './helpers.js';

let rig: Rig;
afterEach(async () => rig?.close());

const push = (): string => `push@${rig.sim.tenantDomain}`;

describe('connector faults and HTTP handling', () => {
  it('caches the token: a second push asks for no new token', async () => {
    rig = await startRig();
    await start(rig.provider, push());
    await start(rig.provider, push());
    expect(rig.sim.counts()).toMatchObject({ tokenRequests: 1, connectorRequests: 2 });
  });

  it('re-tokens exactly once on a 401 and then succeeds', async () => {
    rig = await startRig();
    await start(rig.provider, push());
    rig.sim.setFault('token_401_once');
    expect(outcomeOf(await start(rig.provider, push())).status).toBe('approved');
    expect(rig.sim.counts()).toMatchObject({ tokenRequests: 2, connectorRequests: 3, begins: 2 });
    expect(rig.sim.nextFault()).toBe('none');
  });

  it('gives up with "unauthorized" when the new token is refused too', async () => {
    rig = await startRig({ tokenLifetimeSec: 0 });
    expect(outcomeOf(await start(rig.provider, push()))).toMatchObject({ status: 'error', code: 'unauthorized' });
    expect(rig.sim.counts()).toMatchObject({ tokenRequests: 2, connectorRequests: 2, begins: 0 });
  });

  const bodyFaults: [EntraFault, string][] = [
    ['http_500', 'http_500'],
    ['html_body', 'html_response'],
    ['malformed_xml', 'malformed_response'],
    ['entity_bomb', 'malformed_response'],
    ['oversize_body', 'response_too_large'],
  ];
  for (const [fault, code] of bodyFaults) {
    it(`turns the ${fault} fault into ${code} without retrying Begin`, async () => {
      rig = await startRig();
      rig.sim.setFault(fault);
      const outcome = outcomeOf(await start(rig.provider, push()));
      expect(outcome).toMatchObject({ status: 'error', code });
      expect(rig.sim.counts().connectorRequests).toBe(1);
      expect(rig.sim.nextFault()).toBe('none');
      expect(outcomeOf(await start(rig.provider, push())).status).toBe('approved');
    });
  }

  it('reports the fault in listMethods too, and an unreachable connector as network', async () => {
    rig = await startRig();
    rig.sim.setFault('entity_bomb');
    const listed = await rig.provider.listMethods(subjectOf(push()), new AbortController().signal);
    expect(listed).toMatchObject({ ok: false, code: 'malformed_response' });
    const dead = rig.providerWith({ connectorBaseUrl: 'http://127.0.0.1:9' });
    expect(outcomeOf(await start(dead, push()))).toMatchObject({ status: 'error', code: 'network' });
  });

  it('reports a slow connector as a timeout on non-push calls', async () => {
    rig = await startRig({ latencyMs: 300 });
    const provider = rig.providerWith({}, { options: { requestTimeoutMs: 100, tokenTimeoutMs: 2000 } });
    const listed = await provider.listMethods(subjectOf(push()), new AbortController().signal);
    expect(listed).toMatchObject({ ok: false, code: 'timeout' });
  });
});
