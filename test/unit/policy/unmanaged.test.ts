/**
 * An installation without a managed policy: the OS account has every role, but only for the sandbox's
 * simulated providers. A real provider is refused before anything is sent (verification, methods lookup,
 * connection test, finance approval), in plain words at the profile, and each refusal is an audit entry.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditEntryView } from '../../../contract/audit.js';
import { ok, type TestRuntime } from '../../helpers/runtime.js';
import { domain, policyRuntime, request } from '../../helpers/policy-runtime.js';
import { release } from '../approvals/helpers.js';

let running: TestRuntime | null = null;
afterEach(async () => {
  await running?.close();
  running = null;
});

const refused = (rt: TestRuntime, action: string): AuditEntryView[] =>
  rt.runtime.audit.queries.page({ limit: 200 }).entries.filter((e) => e.event === 'policy_decision' && e.action === action && e.outcome === 'refused');

const UNMANAGED = /^profile: is a real identity provider, and this computer has no managed policy saying who may use one\. Ask your administrator to deploy it; until then only the sandbox’s simulated providers work$/;

describe('no managed policy: the sandbox only', () => {
  it('refuses every use of a real provider before anything is sent, and records it; the sandbox works', async () => {
    const { rt } = await policyRuntime(null);
    running = rt;
    const view = ok(await rt.call('session:state', {}));
    expect(view).toMatchObject({ roleSource: 'unmanaged' });

    // Preparing a real profile is allowed; using it is not.
    const entra = ok(await rt.call('profiles:save', { kind: 'entra', displayName: 'Contoso (prod)', settings: { tenant: 'contoso.com' } }));
    const auth0 = ok(await rt.call('profiles:save', { kind: 'auth0', displayName: 'Payments (prod)', settings: { domain: 'payments.eu.auth0.com', clientId: 'abc' } }));
    const real = { ...request('push', 'INC-1'), profileId: entra.id, subject: 'alex@contoso.com' };

    expect(await rt.call('verify:start', real)).toMatchObject({ ok: false, code: 'forbidden', message: expect.stringMatching(UNMANAGED) });
    expect(refused(rt, 'policy.verify')[0]).toMatchObject({ reasonCode: 'unmanaged', profileName: 'Contoso (prod)' });
    expect(await rt.call('verify:methods', { profileId: entra.id, subject: 'alex@contoso.com' })).toMatchObject({ ok: false, code: 'forbidden', message: expect.stringMatching(UNMANAGED) });
    expect(refused(rt, 'policy.lookup')[0]).toMatchObject({ reasonCode: 'unmanaged' });
    expect(await rt.call('profiles:testConnection', { id: entra.id })).toMatchObject({ ok: false, code: 'forbidden', message: expect.stringMatching(UNMANAGED) });
    expect(refused(rt, 'policy.connection_test')[0]).toMatchObject({ reasonCode: 'unmanaged' });
    expect(await rt.call('approvals:create', release({ profileId: auth0.id }))).toMatchObject({ ok: false, code: 'forbidden', message: expect.stringMatching(UNMANAGED) });
    expect(refused(rt, 'policy.approval')[0]).toMatchObject({ reasonCode: 'unmanaged', profileName: 'Payments (prod)' });

    // The sandbox's simulated providers are the app's own: every role works with them.
    expect(ok(await rt.call('verify:start', request('push', 'INC-2'))).subject).toBe(`push@${domain}`);
    expect(ok(await rt.call('approvals:create', release())).status).toBe('open');
  });

  it('the same real profile is used once a managed policy is in force', async () => {
    const { rt } = await policyRuntime({});
    running = rt;
    const entra = ok(await rt.call('profiles:save', { kind: 'entra', displayName: 'Contoso (prod)', settings: { tenant: 'contoso.com' } }));
    const answer = await rt.call('verify:methods', { profileId: entra.id, subject: 'alex@contoso.com' });
    // Past the policy: the provider itself answers (no secret is saved for it here).
    expect(answer.ok ? '' : answer.message).not.toMatch(UNMANAGED);
  });
});
