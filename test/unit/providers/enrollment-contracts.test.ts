/** Enrollment as a capability: every module offers an enrollment provider exactly when its contract says so, and the new contracts check their input plainly. */
import { describe, expect, it } from 'vitest';
import { apptotpContract } from '../../../contract/providers/apptotp.js';
import { contractFor, providerKinds } from '../../../contract/providers/index.js';
import { DOCUMENTED_ROUTES, visualguardContract, visualguardRoutes } from '../../../contract/providers/visualguard.js';
import { moduleFor } from '../../../main/providers/registry.js';
import { systemClock } from '../../../main/services/clock.js';
import { createHttpClient } from '../../../main/services/http.js';
import { silentLogger } from '../../../main/services/log.js';

const sampleSettings: Record<string, unknown> = {
  entra: { tenant: 'contoso.com' },
  ciba: { issuer: 'https://tenant.example.com/', clientId: 'client' },
  auth0: { domain: 'your-tenant.eu.auth0.com', clientId: 'abc123' },
  visualguard: { serverUrl: 'https://vg.example.com/VGIdentityServer', clientId: '6f209594-0a1b-4c2d-8e3f-7daf57b0fb12_Native' },
  apptotp: { issuer: 'Contoso IT' },
};

describe('enrollment capability', () => {
  it.each(providerKinds.map((kind) => [kind]))('%s: an enrollment provider exactly when capabilities.enrollment, and a spec to go with it', (kind) => {
    const contract = contractFor(kind);
    const settings = contract.settingsSchema.parse(sampleSettings[kind]);
    const http = createHttpClient();
    const provider = moduleFor(kind).create(settings as never, { http, clock: systemClock, logger: silentLogger, readSecret: async () => null });
    const enrolls = contract.capabilities(settings as never).enrollment;
    expect(provider.enrollment !== undefined).toBe(enrolls);
    expect(contract.enrollment !== undefined).toBe(enrolls);
    http.close();
  });
});

describe('VisualGuard contract', () => {
  const parse = (patch: Record<string, unknown>) => visualguardContract.settingsSchema.safeParse({ ...sampleSettings.visualguard as object, ...patch });
  it('needs <AppGuid>_<Platform>, an https address, and safe custom paths; defaults to the documented routes', () => {
    expect(parse({ clientId: 'not-a-guid_Native' }).error?.issues[0]?.message).toMatch(/application GUID/);
    expect(parse({ serverUrl: 'http://vg.example.com' }).success).toBe(false);
    expect(parse({ routes: 'custom', validatePath: '/api/../admin' }).error?.issues[0]?.message).toMatch(/must be a path/);
    const parsed = visualguardContract.settingsSchema.parse({ ...sampleSettings.visualguard as object, routes: 'documented', tokenPath: '/elsewhere' });
    expect(visualguardRoutes(parsed)).toEqual(DOCUMENTED_ROUTES);
    expect(visualguardRoutes({ ...parsed, routes: 'custom' }).tokenPath).toBe('/elsewhere');
  });

  it('asks for the user’s password only for the password modules, and never offers a setup key', () => {
    const settings = (module: string) => visualguardContract.settingsSchema.parse({ ...sampleSettings.visualguard as object, authenticationModule: module });
    expect(visualguardContract.enrollment!(settings('Passwordless'))).toEqual({ password: null, setupKey: false });
    expect(visualguardContract.enrollment!(settings('VGUser')).password?.label).toMatch(/VisualGuard password/);
    expect(visualguardContract.enrollment!(settings('WindowsByCredential')).password?.label).toMatch(/Windows password/);
  });
});

describe('app authenticator contract', () => {
  it('an issuer without a colon; accounts without spaces or colons, compared without case; no secret', () => {
    expect(apptotpContract.settingsSchema.safeParse({ issuer: 'Contoso: IT' }).success).toBe(false);
    expect(apptotpContract.settingsSchema.safeParse({ issuer: 'x'.repeat(41) }).success).toBe(false);
    const settings = apptotpContract.settingsSchema.parse({ issuer: 'Contoso IT' });
    expect(settings).toMatchObject({ maxAttempts: 5, lockoutMinutes: 15 });
    expect(apptotpContract.checkSubject(settings, ' Alex@Contoso.com ')).toEqual({ ok: true, canonical: 'alex@contoso.com' });
    expect(apptotpContract.checkSubject(settings, 'a b').ok).toBe(false);
    expect(apptotpContract.checkSubject(settings, 'a:b').ok).toBe(false);
    expect(apptotpContract.secret(settings)).toBeNull();
  });
});
