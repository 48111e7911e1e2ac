/**
 * Pinned endpoints. In a packaged build a profile may point only at its provider's published hosts (Entra: the
 * cloud's sign-in and connector hosts; CIBA: the issuer's host, and discovered endpoints only there), and name
 * a proxy only over https; the managed policy can allow more. A refusal names the host and is an audit entry;
 * every host change is one too. A development build is not pinned.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditEntryView } from '../../../contract/audit.js';
import type { ManagedPolicy } from '../../../contract/policy/index.js';
import type { LoadedPolicy } from '../../../main/services/policy/managed.js';
import { managed } from '../../helpers/policy.js';
import { operatorRoles } from '../../../contract/policy/sign-in.js';
import { createEndpointRules } from '../../../main/services/endpoints/rules.js';
import { hostMatches } from '../../../main/services/endpoints/hosts.js';
import { ok, startTestRuntime, type TestRuntime } from '../../helpers/runtime.js';

const runtimes: TestRuntime[] = [];
afterEach(async () => {
  for (const rt of runtimes.splice(0)) await rt.close();
});

async function start(options: Parameters<typeof startTestRuntime>[0] = {}): Promise<TestRuntime> {
  const rt = await startTestRuntime({ sandbox: { offered: false }, ...options });
  runtimes.push(rt);
  return rt;
}

/** A managed policy with these endpoint allowances; the OS account keeps every role so only the endpoints differ. */
const allowing = (endpoints: NonNullable<ManagedPolicy['endpoints']>): LoadedPolicy => managed({ endpoints, signIn: { osUserRoles: [...operatorRoles] } });

const entra = (settings: Record<string, unknown>, id?: string) => ({ ...(id ? { id } : {}), kind: 'entra' as const, displayName: 'Contoso (prod)', settings: { tenant: 'contoso.com', ...settings } });

const refusals = (rt: TestRuntime): AuditEntryView[] =>
  rt.runtime.audit.queries.page({ limit: 200 }).entries.filter((e) => e.action === 'profile.endpoint_refused');

const PUBLISHED = 'login.microsoftonline.com, strongauthenticationservice.auth.microsoft.com, adnotifications.windowsazure.com';

describe('pinned endpoints in a packaged build', () => {
  it('saves a profile on the cloud’s published hosts, and refuses any other host by name, with an audit entry', async () => {
    const rt = await start({ packaged: true });
    ok(await rt.call('profiles:save', entra({})));
    ok(await rt.call('profiles:save', entra({ connectorHost: 'adnotifications', connectorBaseUrl: 'https://adnotifications.windowsazure.com' })));
    const refused = await rt.call('profiles:save', entra({ loginBaseUrl: 'https://login.contoso-helpdesk.example' }));
    expect(refused).toEqual({
      ok: false,
      code: 'forbidden',
      message:
        'The profile was not saved. The token address points at login.contoso-helpdesk.example, which is not a published host of ' +
        `Microsoft Entra ID (Public cloud): ${PUBLISHED}. Your administrator can allow it in the managed policy (endpoints).`,
    });
    expect(ok(await rt.call('profiles:list', {}))).toHaveLength(2);
    const [entry] = refusals(rt);
    expect(entry).toMatchObject({ event: 'authz_fail', outcome: 'refused', reasonCode: 'host_not_published', endpointHost: 'login.contoso-helpdesk.example', provider: 'entra', profileName: 'Contoso (prod)' });
    expect(entry!.data).toMatchObject({ when: 'save', endpoint: 'token', host: 'login.contoso-helpdesk.example' });
  });

  it('refuses another cloud’s host, a plain-http loopback server, a non-default port and a plain-http proxy', async () => {
    const rt = await start({ packaged: true });
    const cases: [Record<string, unknown>, string][] = [
      [{ cloud: 'usgov', connectorBaseUrl: 'https://adnotifications.windowsazure.com' }, 'adnotifications.windowsazure.com, which is not a published host of Microsoft Entra ID (US Government cloud)'],
      [{ connectorBaseUrl: 'http://127.0.0.1:8443' }, 'The connector address points at 127.0.0.1:8443'],
      [{ loginBaseUrl: 'https://login.microsoftonline.com:8443' }, 'The token address points at login.microsoftonline.com:8443'],
      [{ proxyUrl: 'http://proxy.corp.example:8080' }, 'The HTTPS proxy proxy.corp.example:8080 is reached over plain http://'],
    ];
    for (const [settings, words] of cases) {
      const result = await rt.call('profiles:save', entra(settings));
      expect(result).toMatchObject({ ok: false, code: 'forbidden' });
      expect(!result.ok && result.message).toContain(words);
    }
    ok(await rt.call('profiles:save', entra({ proxyUrl: 'https://proxy.corp.example:8443' })));
    expect(refusals(rt).map((e) => e.reasonCode)).toEqual(['plain_http_proxy', 'host_not_published', 'host_not_published', 'host_not_published']);
  });

  it('lets the managed policy allow a host (exact or *.), and a plain-http proxy', async () => {
    const rt = await start({ packaged: true, policy: allowing({ allowedHosts: ['login.contoso-helpdesk.example', '*.mfa.corp.example'], allowPlainHttpProxy: true }) });
    ok(await rt.call('profiles:save', entra({ loginBaseUrl: 'https://login.contoso-helpdesk.example', proxyUrl: 'http://proxy.corp.example:8080' })));
    ok(await rt.call('profiles:save', entra({ connectorBaseUrl: 'https://eu.mfa.corp.example' })));
    expect(await rt.call('profiles:save', entra({ connectorBaseUrl: 'https://mfa.corp.example' }))).toMatchObject({ ok: false, code: 'forbidden' });
    expect(refusals(rt)).toHaveLength(1);
  });

  it('refuses at use a profile saved elsewhere or before packaging, and the HTTP client refuses it too', async () => {
    const dev = await startTestRuntime({ sandbox: { offered: false }, keepData: true });
    const saved = ok(await dev.call('profiles:save', entra({ connectorBaseUrl: 'https://mfa.attacker.example' })));
    await dev.close();
    const rt = await start({ packaged: true, dataDir: dev.dataDir, secrets: dev.secrets });
    const request = { profileId: saved.id, subject: 'alex@contoso.com', reason: 'Password reset by phone', ticket: 'INC-PIN-1', mode: 'push' as const };
    const refused = await rt.call('verify:start', request);
    expect(refused).toMatchObject({ ok: false, code: 'forbidden' });
    expect(!refused.ok && refused.message).toMatch(/^This profile cannot be used on this computer\. The connector address points at mfa\.attacker\.example/);
    expect(await rt.call('profiles:testConnection', { id: saved.id })).toMatchObject({ ok: false, code: 'forbidden' });
    expect(refusals(rt).map((e) => (e.data as { when: string }).when)).toEqual(['use', 'use']);
    expect(rt.runtime.audit.queries.page({ limit: 200 }).entries.some((e) => e.ticket === 'INC-PIN-1')).toBe(false);
  });

  it('a development build is not pinned', async () => {
    const rt = await start();
    ok(await rt.call('profiles:save', entra({ loginBaseUrl: 'https://login.contoso-helpdesk.example', proxyUrl: 'http://proxy.corp.example:8080' })));
  });
});

describe('Auth0 and VisualGuard', () => {
  it('an Auth0 profile may call only its tenant’s host; a VisualGuard server needs the managed policy to allow it', async () => {
    const rules = createEndpointRules({ packaged: true, policy: undefined });
    const auth0 = rules.urlCheck('auth0', { domain: 'https://tenant.eu.auth0.com' })!;
    expect(auth0('https://tenant.eu.auth0.com/oauth/token')).toBeNull();
    expect(auth0('https://tenant.eu.auth0.com.evil.example/oauth/token')).toMatchObject({ reason: 'host_not_published', host: 'tenant.eu.auth0.com.evil.example' });
    const visualguard = rules.urlCheck('visualguard', { serverUrl: 'https://vg.contoso.com/VGIdentityServer' })!;
    expect(visualguard('https://vg.contoso.com/VGIdentityServer/connect/token')).toMatchObject({ host: 'vg.contoso.com' });
    const allowed = createEndpointRules({ packaged: true, policy: { allowedHosts: ['vg.contoso.com'] } }).urlCheck('visualguard', { serverUrl: 'https://vg.contoso.com/VGIdentityServer' })!;
    expect(allowed('https://vg.contoso.com/VGIdentityServer/connect/token')).toBeNull();
  });
});

describe('CIBA: the issuer’s host, and discovered endpoints only there', () => {
  it('refuses hand-entered endpoints on another host; the rules refuse any other URL', async () => {
    const rt = await start({ packaged: true });
    const ciba = (settings: Record<string, unknown>) => ({ kind: 'ciba' as const, displayName: 'Auth0', settings: { issuer: 'https://tenant.eu.auth0.com/', clientId: 'abc', ...settings } });
    ok(await rt.call('profiles:save', ciba({})));
    ok(await rt.call('profiles:save', ciba({ endpointMode: 'manual', backchannelEndpoint: 'https://tenant.eu.auth0.com/bc-authorize', tokenEndpoint: 'https://tenant.eu.auth0.com/oauth/token', jwksUri: 'https://tenant.eu.auth0.com/.well-known/jwks.json' })));
    const refused = await rt.call('profiles:save', ciba({ endpointMode: 'manual', backchannelEndpoint: 'https://tenant.eu.auth0.com/bc-authorize', tokenEndpoint: 'https://tokens.example/oauth/token', jwksUri: 'https://tenant.eu.auth0.com/.well-known/jwks.json' }));
    expect(!refused.ok && refused.message).toContain('The token address points at tokens.example, which is not a published host of the identity provider tenant.eu.auth0.com: tenant.eu.auth0.com.');
    const check = createEndpointRules({ packaged: true, policy: undefined }).urlCheck('ciba', { issuer: 'https://tenant.eu.auth0.com/' })!;
    expect(check('https://tenant.eu.auth0.com/oauth/token')).toBeNull();
    expect(check('https://tenant.eu.auth0.com.evil.example/oauth/token')).toMatchObject({ reason: 'host_not_published', host: 'tenant.eu.auth0.com.evil.example' });
  });

  it('stops before any push when the discovery document names another host', async () => {
    const seen: string[] = [];
    const server = http.createServer((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      const port = (server.address() as AddressInfo).port;
      const other = `http://localhost:${port}`;
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          issuer: `http://127.0.0.1:${port}`,
          token_endpoint: `${other}/token`,
          backchannel_authentication_endpoint: `${other}/bc-authorize`,
          jwks_uri: `${other}/jwks`,
          backchannel_token_delivery_modes_supported: ['poll'],
        }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const rt = await start({ packaged: true, policy: allowing({ allowedHosts: [new URL(issuer).host] }) });
      const profile = ok(await rt.call('profiles:save', { kind: 'ciba', displayName: 'Local OP', settings: { issuer, clientId: 'abc', loginHintFormat: 'plain' } }));
      ok(await rt.call('profiles:setSecret', { id: profile.id, secret: 'client-secret-value' }));
      const view = ok(await rt.call('verify:start', { profileId: profile.id, subject: 'user-1', reason: 'Password reset by phone', ticket: 'INC-PIN-2', mode: 'push' }));
      const done = view.status === 'pending' ? await finalOf(rt, view.id) : view;
      expect(done).toMatchObject({ status: 'error', code: 'endpoint_not_allowed' });
      expect(done.message).toContain(`names localhost:${new URL(issuer).port}, which this installation may not call. Nothing was sent.`);
      expect(seen).toEqual(['GET /.well-known/openid-configuration']);
    } finally {
      server.close();
    }
  });
});

describe('host changes', () => {
  it('records every endpoint or proxy host change as its own entry with the old and new host', async () => {
    const rt = await start();
    const profile = ok(await rt.call('profiles:save', entra({})));
    ok(await rt.call('profiles:save', entra({ mode: 'async' }, profile.id)));
    ok(await rt.call('profiles:save', entra({ loginBaseUrl: 'https://login.contoso-helpdesk.example', proxyUrl: 'https://proxy.corp.example:8443' }, profile.id)));
    const changes = rt.runtime.audit.queries.page({ limit: 200 }).entries.filter((e) => e.action === 'profile.endpoint_change' && e.outcome === 'success');
    expect(changes.map((e) => e.detail)).toEqual([
      'token: login.microsoftonline.com → login.contoso-helpdesk.example; proxy: none → proxy.corp.example:8443',
      'connector: none → strongauthenticationservice.auth.microsoft.com; token: none → login.microsoftonline.com',
    ]);
    expect(changes[0]).toMatchObject({ event: 'sensitive_update', endpointHost: 'strongauthenticationservice.auth.microsoft.com' });
  });
});

describe('host matching', () => {
  it('is exact, port included; *. covers the names below only', () => {
    expect(hostMatches('login.microsoftonline.com', ['login.microsoftonline.com'])).toBe(true);
    expect(hostMatches('login.microsoftonline.com:8443', ['login.microsoftonline.com'])).toBe(false);
    expect(hostMatches('a.b.corp.example', ['*.corp.example'])).toBe(true);
    expect(hostMatches('corp.example', ['*.corp.example'])).toBe(false);
    expect(hostMatches('evilcorp.example', ['*.corp.example'])).toBe(false);
    expect(hostMatches('a.corp.example:444', ['*.corp.example'])).toBe(false);
    expect(hostMatches('10.0.0.5:8443', ['10.0.0.5:8443'])).toBe(true);
  });
});

async function finalOf(rt: TestRuntime, id: string) {
  for (let i = 0; i < 100; i += 1) {
    const view = ok(await rt.call('verify:list', {})).find((v) => v.id === id);
    if (view && view.status !== 'pending') return view;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the verification did not end');
}
