/**
 * Roles: one table for every channel and screen (a Record, so a new channel without a line does not compile),
 * the claim mapping, and who has which roles without a sign-in: every role on an unmanaged installation, what
 * the managed policy gives the OS account otherwise (nothing by default), on the desktop and the command line.
 */
import { describe, expect, it } from 'vitest';
import { channelNames } from '../../../contract/ipc.js';
import { signInPolicySchema } from '../../../contract/policy/sign-in.js';
import { channelRoles, mayCall, OPEN, roleNames, screenRoles, screens } from '../../../contract/roles.js';
import { roleLabels } from '../../../renderer/src/lib/roles.js';
import { claimValues, operatorName, rolesFromClaims } from '../../../main/services/operator/claims.js';
import { ok, startTestRuntime } from '../../helpers/runtime.js';
import { ROLE_MAPPING } from '../../helpers/sign-in.js';
import { DEFAULT_POLICY, managed } from '../../helpers/policy.js';

describe('the role table', () => {
  it('names every channel and every screen; only the session and app info need no role', () => {
    expect(Object.keys(channelRoles).sort()).toEqual([...channelNames].sort());
    expect(Object.keys(screenRoles).sort()).toEqual([...screens].sort());
    expect(channelNames.filter((channel) => channelRoles[channel] === OPEN)).toEqual([
      'app:info', 'session:state', 'session:signIn', 'session:cancelSignIn', 'session:signOut',
    ]);
    expect(mayCall([], 'verify:start')).toBe(false);
    expect(mayCall(['auditor'], 'verify:start')).toBe(false);
    expect(mayCall(['helpdesk'], 'verify:start')).toBe(true);
    expect(mayCall(['helpdesk'], 'audit:acknowledge')).toBe(false);
    expect(mayCall(['admin'], 'audit:acknowledge')).toBe(true);
  });

  it('names roles on screen as main names them in refusals', () => {
    expect(roleLabels).toEqual(roleNames);
  });
});

describe('roles from claims', () => {
  const policy = { rolesClaim: 'groups', roleMapping: { ...ROLE_MAPPING, approver: [] }, usernameClaim: 'preferred_username' };

  it('maps exact values, from a string or a list, in the app’s order', () => {
    expect(rolesFromClaims({ groups: ['mfa-admins', 'helpdesk-agents', 'other'] }, policy)).toEqual(['helpdesk', 'admin']);
    expect(rolesFromClaims({ groups: 'security-auditors' }, policy)).toEqual(['auditor']);
    expect(rolesFromClaims({ groups: ['MFA-ADMINS', ' mfa-admins', 'helpdesk-agents-2'] }, policy)).toEqual([]);
    expect(rolesFromClaims({ groups: [{ name: 'mfa-admins' }, 7, null] }, policy)).toEqual([]);
    expect(rolesFromClaims({}, policy)).toEqual([]);
  });

  it('follows a nested claim path (Keycloak realm roles) without reaching into inherited properties', () => {
    const nested = { ...policy, rolesClaim: 'realm_access.roles' };
    expect(rolesFromClaims({ realm_access: { roles: ['helpdesk-agents'] } }, nested)).toEqual(['helpdesk']);
    expect(claimValues({ realm_access: 'helpdesk-agents' }, 'realm_access.roles')).toEqual([]);
    expect(claimValues({}, 'constructor.name')).toEqual([]);
  });

  it('names the operator by the configured claim, else email, else sub', () => {
    expect(operatorName({ preferred_username: 'alice', email: 'a@x', sub: 's' }, policy)).toBe('alice');
    expect(operatorName({ email: 'a@x', sub: 's' }, policy)).toBe('a@x');
    expect(operatorName({ sub: 's' }, policy)).toBe('s');
  });

  it('refuses a policy that names an unknown role or an unbounded claim path', () => {
    expect(signInPolicySchema.safeParse({ osUserRoles: ['root'] }).success).toBe(false);
    expect(signInPolicySchema.safeParse({ oidc: { issuer: 'https://idp.example', clientId: 'x', roleMapping: {}, rolesClaim: 'a b' } }).success).toBe(false);
    expect(signInPolicySchema.safeParse({ oidc: { issuer: 'http://idp.example', clientId: 'x', roleMapping: {} } }).success).toBe(false);
  });
});

describe('roles without a sign-in', () => {
  it('an unmanaged installation: the OS account has every role, marked as not signed in', async () => {
    const rt = await startTestRuntime({ sandbox: { offered: false }, policy: DEFAULT_POLICY });
    const view = ok(await rt.call('session:state', {}));
    expect(view).toMatchObject({ signIn: 'not_configured', roleSource: 'unmanaged', roles: ['helpdesk', 'approver', 'auditor', 'admin'], operator: 'test.agent' });
    expect(view.channels).toEqual(channelNames);
    expect(view.screens).toEqual(screens);
    await rt.close();
  });

  it('a managed installation without sign-in: only what the policy gives the OS account, nothing by default', async () => {
    const none = await startTestRuntime({ sandbox: { offered: false }, policy: managed({}) });
    expect(ok(await none.call('session:state', {}))).toMatchObject({ roleSource: 'policy', roles: [], screens: [] });
    expect(await none.call('profiles:list', {})).toEqual({
      ok: false,
      code: 'forbidden',
      message: 'Your account has no role in MFA Approver on this computer, so this was refused. Ask your administrator.',
    });
    expect(await none.call('session:signIn', {})).toMatchObject({ ok: false, code: 'conflict' });
    const refusal = none.runtime.audit.queries.page({ limit: 20 }).entries.find((e) => e.action === 'ipc.role');
    expect(refusal).toMatchObject({ event: 'authz_fail', outcome: 'refused', reasonCode: 'role_missing', operator: 'test.agent' });
    expect(refusal!.data).toMatchObject({ channel: 'profiles:list', roles: [], required: ['helpdesk', 'approver', 'auditor', 'admin'] });
    await none.close();

    const auditor = await startTestRuntime({ sandbox: { offered: false }, policy: managed({ signIn: { osUserRoles: ['auditor'] } }) });
    expect(ok(await auditor.call('session:state', {}))).toMatchObject({ roles: ['auditor'], screens: ['audit'] });
    ok(await auditor.call('audit:query', { limit: 5 }));
    expect(await auditor.call('audit:setRetention', { days: 365 })).toMatchObject({ ok: false, code: 'forbidden' });
    await auditor.close();
  });
});
