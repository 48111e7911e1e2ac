import { afterEach, describe, it, expect } from 'vitest';
import { createEntraProvider } from '../../../main/providers/entra/provider.js';
import { systemClock } from '../../../main/services/clock.js';
import { createLogger } from '../../../main/services/log.js';
import { outcomeOf, selfSignedCertificate, start, startRig, type Rig } from './helpers.js';

let rig: Rig;
afterEach(async () => rig?.close());

const signal = (): AbortSignal => new AbortController().signal;
const push = (): string => `push@${rig.sim.tenantDomain}`;

describe('token acquisition', () => {
  it('works with v1 (resource, expires_in as a string) and v2 (scope), by domain or tenant GUID', async () => {
    rig = await startRig();
    for (const tokenVersion of ['v1', 'v2'] as const) {
      for (const tenant of [rig.sim.tenantDomain, rig.sim.tenantId]) {
        const provider = rig.providerWith({ tokenVersion, tenant });
        expect(await provider.testConnection(signal())).toMatchObject({ ok: true, code: null });
        expect(outcomeOf(await start(provider, push())).status).toBe('approved');
      }
    }
  });

  it('signs in with a certificate assertion', async () => {
    const { keyPem, certPem } = selfSignedCertificate();
    rig = await startRig({ certificates: [certPem] });
    const provider = rig.providerWith({ credential: 'certificate' }, { secret: `${keyPem}\n${certPem}` });
    expect(await provider.testConnection(signal())).toMatchObject({ ok: true });
    expect(outcomeOf(await start(provider, push())).status).toBe('approved');
    const other = selfSignedCertificate('Not registered');
    const unknown = rig.providerWith({ credential: 'certificate' }, { secret: other.keyPem + other.certPem });
    expect(await unknown.testConnection(signal())).toMatchObject({ ok: false, code: 'AADSTS700027' });
    const broken = rig.providerWith({ credential: 'certificate' }, { secret: certPem });
    expect(await broken.testConnection(signal())).toMatchObject({ ok: false, code: 'certificate_invalid' });
  });

  it('explains a missing secret without calling the sign-in service', async () => {
    rig = await startRig();
    const provider = rig.providerWith({}, { secret: null });
    expect(outcomeOf(await start(provider, push()))).toMatchObject({
      status: 'error',
      code: 'secret_missing',
      message: 'No secret is set for this profile. Set it in Settings.',
    });
    expect(await provider.testConnection(signal())).toMatchObject({ ok: false, code: 'secret_missing' });
    expect(rig.sim.counts().tokenRequests).toBe(0);
  });

  it('maps a wrong secret and a secret that has not propagated yet to AADSTS7000215', async () => {
    rig = await startRig({ secretPropagationMs: 60_000 });
    const wrong = await rig.providerWith({}, { secret: 'not-the-secret' }).testConnection(signal());
    expect(wrong).toMatchObject({ ok: false, code: 'AADSTS7000215' });
    expect(wrong.message).toMatch(/^AADSTS7000215: Invalid client secret provided/);
    expect(wrong.message).not.toMatch(/Trace ID/);
    expect(wrong.fix).toContain('Value, not its Secret ID');
    expect(wrong.fix).toContain('wait a minute');
    const fresh = rig.sim.addSecret();
    const test = (secret: string) => rig.providerWith({}, { secret }).testConnection(signal());
    expect(await test(fresh)).toMatchObject({ ok: false, code: 'AADSTS7000215' });
    rig.sim.configure({ secretPropagationMs: 0 });
    expect(await test(fresh)).toMatchObject({ ok: true });
    const expired = rig.sim.addSecret({ startMs: Date.now() - 10_000, endMs: Date.now() - 1 });
    expect(await test(expired)).toMatchObject({ ok: false, code: 'AADSTS7000215' });
  });

  it('maps tenant and service-principal problems to the exact code and fix', async () => {
    rig = await startRig();
    const test = (patch = {}) => rig.providerWith(patch).testConnection(signal());
    expect(await test({ tenant: 'nowhere.example' })).toMatchObject({ ok: false, code: 'AADSTS90002' });
    rig.sim.configure({ clientSp: 'disabled' });
    const disabled = await test();
    expect(disabled).toMatchObject({ ok: false, code: 'AADSTS7000112' });
    expect(disabled.fix).toContain('Enabled for users to sign-in');
    rig.sim.configure({ clientSp: 'missing' });
    const missing = await test();
    expect(missing).toMatchObject({ ok: false, code: 'AADSTS700016' });
    expect(missing.fix).toContain('New-MgServicePrincipal -AppId 981f26a1-7f43-403b-a875-f8b09b8cd720');
    rig.sim.configure({ clientSp: 'enabled', connectorSpEnabled: false });
    expect(await test()).toMatchObject({ ok: false, code: 'AADSTS500014' });
    rig.sim.configure({ connectorSpEnabled: true });
    expect(await test({ cloud: 'usgov' })).toMatchObject({ ok: false, code: 'AADSTS500011' });
    expect(await test()).toMatchObject({ ok: true });
  });

  it('turns a token failure during a push into an error outcome with the fix as next steps', async () => {
    rig = await startRig({ clientSp: 'disabled' });
    const outcome = outcomeOf(await start(rig.provider, push()));
    expect(outcome).toMatchObject({ status: 'error', code: 'AADSTS7000112' });
    expect(outcome.nextSteps).toContain('Enabled for users to sign-in');
    expect(rig.sim.counts().connectorRequests).toBe(0);
  });

  it('never writes the secret, token or assertion to the log or the transcript', async () => {
    const { keyPem, certPem } = selfSignedCertificate();
    rig = await startRig({ certificates: [certPem] });
    const lines: string[] = [];
    const logger = createLogger((line) => lines.push(line));
    const deps = (secret: string) => ({ http: rig.http, clock: systemClock, logger, readSecret: async () => secret });
    await start(createEntraProvider(rig.settings, deps(rig.sim.clientSecret)), push());
    const certificateSettings = { ...rig.settings, credential: 'certificate' } as const;
    await createEntraProvider(certificateSettings, deps(keyPem + certPem)).testConnection(signal());
    await createEntraProvider(rig.settings, deps('wrong-secret-value')).testConnection(signal());
    const everything = lines.join('\n') + JSON.stringify(rig.sim.transcript());
    expect(lines.length).toBeGreaterThan(2);
    for (const secret of [rig.sim.clientSecret, 'wrong-secret-value', 'eyJ', 'BEGIN']) {
      expect(everything).not.toContain(secret);
    }
  });
});
