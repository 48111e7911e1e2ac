import { afterEach, describe, it, expect } from 'vitest';
import { randomUUID } from 'node:crypto';
import { CONNECTOR_PATH, ENTRA_CLIENT_ID, connectorResource } from '../../../main/providers/entra/cloud.js';
import { TELEPHONY_RETIREMENT_NOTICE } from '../../../main/providers/entra/methods.js';
import { buildBeginRequest, buildEndRequest, type BeginRequest } from '../../../main/providers/entra/xml.js';
import { startRig, type Rig, subjectOf } from './helpers.js';

let rig: Rig;
afterEach(async () => rig?.close());

const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };

function post(path: string, body: string, headers: Record<string, string>) {
  return rig.http.request({ method: 'POST', url: rig.sim.connectorBaseUrl + path, body, headers });
}

async function token(): Promise<string> {
  const form = new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: ENTRA_CLIENT_ID,
    client_secret: rig.sim.clientSecret,
    scope: `${connectorResource()}/.default`,
  });
  const response = await post(`/${rig.sim.tenantId}/oauth2/v2.0/token`, form.toString(), FORM);
  return (JSON.parse(response.body) as { access_token: string }).access_token;
}

async function connector(op: string, body: string, auth?: string) {
  const authorization = auth ?? `Bearer ${await token()}`;
  return post(`${CONNECTOR_PATH}${op}`, body, { 'Content-Type': 'text/xml', Authorization: authorization });
}

const begin = (upn: string, patch: Partial<BeginRequest> = {}): string =>
  buildBeginRequest({
    upn,
    contextId: randomUUID(),
    methodId: 'PhoneAppNotification',
    overrideNumberMatchingWithOtp: false,
    syncCall: true,
    ...patch,
  });

const end = (sessionId: string): string =>
  buildEndRequest({ upn: 'a@b', contextId: 'c', sessionId, additionalAuthData: null });

describe('Entra simulator', () => {
  it('routes like the connector: GET / is 403, unknown ops 404, // and / both work, no bearer is 401', async () => {
    rig = await startRig();
    expect((await rig.http.request({ method: 'GET', url: rig.sim.connectorBaseUrl + '/' })).status).toBe(403);
    expect((await connector('/GetActivationCode', '<x/>')).status).toBe(404);
    const upn = `push@${rig.sim.tenantDomain}`;
    expect((await connector('//BeginTwoWayAuthentication', begin(upn))).status).toBe(200);
    expect((await connector('/BeginTwoWayAuthentication', begin(upn))).status).toBe(200);
    expect((await connector('/BeginTwoWayAuthentication', begin(upn), 'Bearer forged.token.value')).status).toBe(401);
    expect((await connector('/BeginTwoWayAuthentication', begin(upn), '')).status).toBe(401);
  });

  it('answers unreadable requests with a non-XML 400 and wrong content types with 415', async () => {
    rig = await startRig();
    const bad = await connector('/BeginTwoWayAuthentication', '<BeginTwoWayAuthenticationRequest><Version>1');
    expect(bad.status).toBe(400);
    expect(bad.contentType).toContain('text/html');
    expect((await connector('/BeginTwoWayAuthentication', end('s'))).status).toBe(400);
    const headers = { 'Content-Type': 'application/json', Authorization: `Bearer ${await token()}` };
    expect((await post(`${CONNECTOR_PATH}/BeginTwoWayAuthentication`, '<x/>', headers)).status).toBe(415);
  });

  it('sends the response members in the service order, with xmlns:i on the root', async () => {
    rig = await startRig();
    const response = await connector('/BeginTwoWayAuthentication', begin(`push@${rig.sim.tenantDomain}`));
    expect(response.contentType).toBe('application/xml; charset=utf-8');
    const xsi = 'http://www.w3.org/2001/XMLSchema-instance';
    expect(response.body).toContain(`<BeginTwoWayAuthenticationResponse xmlns:i="${xsi}">`);
    const names = ['Version', 'Result', 'SessionId', 'AuthenticationResult', 'UserPrincipalName', 'AffinityUrl'];
    const positions = [...names, 'ValidEntropyNumber'].map((name) => response.body.indexOf(`<${name}`));
    expect(positions.every((p, i) => p > 0 && (i === 0 || p > positions[i - 1]!))).toBe(true);
    const result = '<Retry>false</Retry><Error i:nil="true"/><Exception i:nil="true"/><RenewCert>false</RenewCert>';
    expect(response.body).toContain(result);
    expect(response.body).toContain('EndTwoWayAuthentication?dc=SIM');
  });

  it('checks End inputs: empty and unknown sessions', async () => {
    rig = await startRig();
    expect((await connector('/EndTwoWayAuthentication', end(''))).body).toContain('<Value>InvalidParameter</Value>');
    const unknown = await connector('/EndTwoWayAuthentication', end(randomUUID()));
    expect(unknown.body).toContain('<Value>InvalidSession</Value>');
  });

  it('lets an unenrolled user through only with RequireUserMatch=false, as NPS does', async () => {
    rig = await startRig();
    const body = begin(`no-methods@${rig.sim.tenantDomain}`);
    const strict = await connector('/BeginTwoWayAuthentication', body);
    expect(strict.body).toContain('<Value>NoDefaultAuthenticationMethodIsConfigured</Value>');
    const lax = body.replace('<RequireUserMatch>true<', '<RequireUserMatch>false<');
    const passed = await connector('/BeginTwoWayAuthentication', lax);
    expect(passed.body).toContain('<AuthenticationResult>true</AuthenticationResult>');
  });

  it('rejects token requests with the wrong grant or content type in the AAD error shape', async () => {
    rig = await startRig();
    const path = `/${rig.sim.tenantDomain}/oauth2/token`;
    const grant = await post(path, 'grant_type=password', FORM);
    expect(grant.status).toBe(400);
    const error = JSON.parse(grant.body) as Record<string, unknown>;
    expect(error).toMatchObject({ error: 'unsupported_grant_type', error_codes: [70003] });
    expect(String(error.error_description)).toMatch(/^AADSTS70003: .*\r\nTrace ID: /);
    expect((await post(path, '{}', { 'Content-Type': 'application/json' })).status).toBe(400);
  });

  it('lists users, signals fault changes and masks phones on request', async () => {
    rig = await startRig({ maskPhones: true });
    expect(rig.sim.users().map((u) => u.upn)).toContain('someone@fabrikam.example');
    expect(rig.sim.users().every((u) => u.description.length > 0)).toBe(true);
    expect(rig.sim.tenantDomain).toMatch(/\.example$/);
    let changes = 0;
    const off = rig.sim.onChange(() => (changes += 1));
    rig.sim.setFault('http_500');
    expect(rig.sim.nextFault()).toBe('http_500');
    off();
    rig.sim.setFault('none');
    expect(changes).toBe(1);
    const listed = await rig.provider.listMethods(subjectOf(`sms@${rig.sim.tenantDomain}`), new AbortController().signal);
    const sms = { id: 'OneWaySMS', label: 'Text message', isDefault: true, detail: '+1 ••• ••• ••01', kind: 'otp', notice: TELEPHONY_RETIREMENT_NOTICE };
    expect(listed).toEqual({ ok: true, methods: [sms] });
  });

  it('closes promptly while a blocking push is open on a keep-alive socket', async () => {
    rig = await startRig({ defaultBehaviour: 'interactive', pushTimeoutMs: 10_000 });
    const pending = connector('/BeginTwoWayAuthentication', begin(`push@${rig.sim.tenantDomain}`)).catch(() => null);
    for (let i = 0; i < 200 && rig.sim.prompts().length === 0; i += 1) await new Promise((r) => setTimeout(r, 5));
    const started = Date.now();
    await rig.sim.close();
    expect(Date.now() - started).toBeLessThan(1000);
    await pending;
  });
});
