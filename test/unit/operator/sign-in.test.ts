/**
 * Operator sign-in end to end against a real OpenID provider (oidc-provider on 127.0.0.1): authorization code
 * with PKCE through a loopback redirect, roles from the groups claim, the session in main only, sign-out and
 * expiry; and what fails closed: a forged redirect, a refused consent, an ID token signed by someone else, an
 * account without a mapped group.
 */
import { generateKeyPairSync, sign } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntryView } from '../../../contract/audit.js';
import { systemClock, type Clock } from '../../../main/services/clock.js';
import { ENTRA_SANDBOX_PROFILE_ID, entraSim } from '../../helpers/sandbox.js';
import { ok, startTestRuntime, type TestRuntime } from '../../helpers/runtime.js';
import { nextSession, scriptedBrowser, signInPolicy } from '../../helpers/sign-in.js';
import { claimsOf, startOidcServer, type OidcServer } from '../../support/oidc-server.js';

let server: OidcServer;
beforeAll(async () => {
  server = await startOidcServer();
});
afterAll(async () => server.close());

const runtimes: TestRuntime[] = [];
afterEach(async () => {
  server.reset();
  for (const rt of runtimes.splice(0)) await rt.close();
});

/** A clock that tests move forward. */
function movableClock(): Clock & { advance(ms: number): void } {
  let offset = 0;
  return { now: () => Date.now() + offset, sleep: systemClock.sleep, advance: (ms) => void (offset += ms) };
}

async function start(options: Parameters<typeof startTestRuntime>[0] = {}) {
  const browser = scriptedBrowser();
  const rt = await startTestRuntime({ policy: signInPolicy(server), openBrowser: (url, endpoint) => browser.open(url, endpoint), ...options });
  runtimes.push(rt);
  return { rt, browser };
}

/** The trail's entries of one action, newest first, read directly (the operator may have no role to read it). */
async function entries(rt: TestRuntime, action: string): Promise<AuditEntryView[]> {
  return rt.runtime.audit.queries.page({ limit: 500 }).entries.filter((e) => e.action === action);
}

/** Signs in as `login` through the scripted browser; resolves with the final session view. */
async function signIn(rt: TestRuntime, browser: ReturnType<typeof scriptedBrowser>, login: string) {
  browser.next({ login });
  const done = nextSession(rt, (view) => view.signIn !== 'in_progress');
  expect(ok(await rt.call('session:signIn', {})).signIn).toBe('in_progress');
  return done;
}

const push = (ticket: string) => ({ profileId: ENTRA_SANDBOX_PROFILE_ID, subject: 'push@sandbox.contoso.example', reason: 'Password reset by phone', ticket, mode: 'push' as const });

describe('operator sign-in through the organisation’s OpenID provider', () => {
  it('a second operator approves a privileged result by signing in themselves; the same person, or one without the role, is refused', async () => {
    const privileged = { verification: { reasons: [], privileged: { targets: ['push@*'] } } };
    const { rt, browser } = await start({ policy: signInPolicy(server, {}, privileged) });
    await signIn(rt, browser, 'user-alice');
    entraSim(rt).setUserBehaviour('push@sandbox.contoso.example', { action: 'approve', delayMs: 10 });
    const started = ok(await rt.call('verify:start', push('INC-2ND')));
    await expect.poll(async () => ok(await rt.call('verify:list', {})).find((v) => v.id === started.id)?.status, { timeout: 5000 }).toBe('insufficient');
    const view = ok(await rt.call('verify:list', {})).find((v) => v.id === started.id)!;
    expect(view.assurance).toMatchObject({ level: 'low', required: 'high', secondApproval: 'sign-in' });

    // Alice signs in again as the "second" operator: four eyes means two people.
    browser.next({ login: 'user-alice' });
    expect(await rt.call('verify:secondApproval', { verificationId: started.id })).toMatchObject({ ok: false, code: 'forbidden', message: expect.stringMatching(/must be a different operator/) });
    // Bob is an auditor: he may not approve verifications.
    browser.next({ login: 'user-bob' });
    expect(await rt.call('verify:secondApproval', { verificationId: started.id })).toMatchObject({ ok: false, message: expect.stringMatching(/^bob@example\.com may not approve verifications/) });
    // Carol is a helpdesk agent and an administrator: her sign-in raises the result to HIGH, and a token follows.
    browser.next({ login: 'user-carol' });
    const approved = ok(await rt.call('verify:secondApproval', { verificationId: started.id }));
    expect(approved).toMatchObject({ status: 'approved', assurance: { level: 'high', met: true, approvedBy: { operator: 'carol@example.com', via: 'sign-in' } } });
    expect(approved.token).not.toBeNull();
    // The session is still Alice's: the second sign-in proved Carol's identity for this approval only.
    expect(ok(await rt.call('session:state', {})).identity?.name).toBe('alice@example.com');
  });

  it('signs in with PKCE through the loopback redirect; the groups claim gives the roles; requests carry the operator', async () => {
    const { rt, browser } = await start();
    const before = ok(await rt.call('session:state', {}));
    expect(before).toMatchObject({ signIn: 'signed_out', roles: [], roleSource: 'policy', osUser: 'test.agent', screens: [] });
    expect(before.channels).toEqual(['app:info', 'session:state', 'session:signIn', 'session:cancelSignIn', 'session:signOut']);

    const view = await signIn(rt, browser, 'user-alice');
    expect(view).toMatchObject({
      signIn: 'signed_in',
      roles: ['helpdesk'],
      roleSource: 'sign_in',
      operator: 'alice@example.com (OS: test.agent)',
      identity: { name: 'alice@example.com', issuerHost: new URL(server.issuer).host },
      screens: ['verify', 'enroll'],
      message: null,
    });
    // RFC 8252: the request the browser got carries PKCE (S256), state and nonce, and the exact loopback redirect.
    const opened = new URL(browser.opened[0]!.url);
    expect(opened.searchParams.get('code_challenge_method')).toBe('S256');
    expect(opened.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(opened.searchParams.get('state')).toMatch(/^[\w-]{20,}$/);
    expect(opened.searchParams.get('nonce')).toMatch(/^[\w-]{20,}$/);
    expect(opened.searchParams.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    // A shared computer's browser may still be signed in as the previous operator: the provider must ask again.
    expect(opened.searchParams.get('prompt')).toBe('login');
    expect(browser.opened[0]!.endpoint).toBe(`${server.issuer}/auth`);
    const page = await browser.visits[0]!;
    expect(page).toMatchObject({ status: 200 });
    expect(page.body).toContain('Signed in to MFA Approver');
    // The session view is all the renderer gets: no code, no token.
    expect(JSON.stringify(view)).not.toMatch(/eyJ|code=|id_token/);

    entraSim(rt).setUserBehaviour('push@sandbox.contoso.example', { action: 'approve', delayMs: 10 });
    ok(await rt.call('verify:start', push('INC-SIGNIN-1')));
    const logged = ok(await rt.call('audit:list', { search: 'INC-SIGNIN-1' }));
    expect(logged[0]).toMatchObject({ operator: 'alice@example.com (OS: test.agent)' });
    const [login] = await signedInEntries(rt);
    expect(login).toMatchObject({ event: 'authn_login_success', operator: 'alice@example.com (OS: test.agent)', endpointHost: new URL(server.issuer).host });
    expect(login!.data).toMatchObject({ osUser: 'test.agent', subject: 'user-alice', roles: ['helpdesk'] });
  });

  it('refuses every call the roles do not allow, in plain words, and records it', async () => {
    const { rt, browser } = await start();
    const signedOut = await rt.call('verify:start', push('INC-SIGNIN-2'));
    expect(signedOut).toEqual({ ok: false, code: 'forbidden', message: 'Sign in first: this computer needs you to sign in with your organisation account.' });
    await signIn(rt, browser, 'user-alice');
    const refused = await rt.call('profiles:save', { kind: 'entra', displayName: 'Contoso', settings: { tenant: 'contoso.com' } });
    expect(refused).toEqual({
      ok: false,
      code: 'forbidden',
      message: 'This needs the Administrator role, which you do not have (you are Helpdesk agent). Ask your administrator if you need it.',
    });
    expect(ok(await rt.call('profiles:list', {})).some((p) => p.displayName === 'Contoso')).toBe(false);
    expect((await rt.call('audit:query', { limit: 10 })).ok).toBe(false);

    // An auditor reads what was refused.
    ok(await rt.call('session:signOut', {}));
    await signIn(rt, browser, 'user-bob');
    const refusals = (await entries(rt, 'ipc.role')).map((e) => ({ event: e.event, outcome: e.outcome, operator: e.operator, detail: e.detail }));
    expect(refusals).toEqual([
      { event: 'authz_fail', outcome: 'refused', operator: 'test.agent', detail: 'verify:start: needs helpdesk; operator has no role' },
      { event: 'authz_fail', outcome: 'refused', operator: 'alice@example.com (OS: test.agent)', detail: 'profiles:save: needs admin; operator has helpdesk' },
      { event: 'authz_fail', outcome: 'refused', operator: 'alice@example.com (OS: test.agent)', detail: 'audit:query: needs auditor or admin; operator has helpdesk' },
    ].reverse());
  });

  it('maps several groups to several roles, and signs nobody in whose groups map to no role', async () => {
    const { rt, browser } = await start();
    expect((await signIn(rt, browser, 'user-carol')).roles).toEqual(['helpdesk', 'admin']);
    ok(await rt.call('session:signOut', {}));
    const dave = await signIn(rt, browser, 'user-dave');
    expect(dave).toMatchObject({ signIn: 'signed_out', roles: [], identity: null });
    expect(dave.message).toBe('You signed in as dave@example.com, but your account has no role in MFA Approver. Ask your administrator to add you to the right group.');
    ok(await rt.call('session:signOut', {}));
  });

  it('signs out, and ends the sign-in when it expires; both are audit events', async () => {
    const clock = movableClock();
    const { rt, browser } = await start({ clock, policy: signInPolicy(server, { sessionMinutes: 5 }) });
    await signIn(rt, browser, 'user-alice');
    const out = ok(await rt.call('session:signOut', {}));
    expect(out).toMatchObject({ signIn: 'signed_out', roles: [], message: 'You signed out.' });
    await signIn(rt, browser, 'user-carol');
    clock.advance(5 * 60_000 + 1000);
    expect(await rt.call('verify:list', {})).toMatchObject({ ok: false, code: 'forbidden' });
    expect(ok(await rt.call('session:state', {}))).toMatchObject({ signIn: 'signed_out', message: 'Your sign-in has ended. Sign in again to go on.' });
    await signIn(rt, browser, 'user-carol');
    const ends = (await entries(rt, 'operator.signout')).concat(await entries(rt, 'operator.session_expired'));
    expect(ends.map((e) => [e.event, e.action, e.operator])).toEqual([
      ['session_expired', 'operator.signout', 'alice@example.com (OS: test.agent)'],
      ['session_expired', 'operator.session_expired', 'carol@example.com (OS: test.agent)'],
    ]);
  });

  it('refuses a redirect that does not belong to the sign-in (another state), and a refused consent', async () => {
    const { rt, browser } = await start();
    browser.next({ login: 'user-alice', rewriteCallback: (url) => (url.searchParams.set('state', 'forged-state-value-0123456789'), url) });
    let done = nextSession(rt, (view) => view.signIn !== 'in_progress');
    ok(await rt.call('session:signIn', {}));
    expect(await done).toMatchObject({
      signIn: 'signed_out',
      roles: [],
      message: 'The answer that came back to the app did not belong to this sign-in, so it was refused. Start the sign-in again from the app.',
    });
    expect((await browser.visits[0]!).body).toContain('Sign-in did not complete');

    browser.next({ login: 'user-alice', refuseConsent: true });
    done = nextSession(rt, (view) => view.signIn !== 'in_progress');
    ok(await rt.call('session:signIn', {}));
    expect((await done).message).toBe('The sign-in service did not sign you in (access was denied). Try again, or ask your administrator whether your account may use MFA Approver.');
    const fails = await entries(rt, 'operator.signin');
    expect(fails.map((e) => [e.event, e.reasonCode])).toEqual([
      ['authn_login_fail', 'refused_by_provider'],
      ['authn_login_fail', 'answer_mismatch'],
    ]);
  });

  it('refuses an ID token signed by another key, whatever its claims say', async () => {
    const { rt, browser } = await start();
    const forger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    server.tamperNextToken((body) => {
      const claims = { ...claimsOf(String(body.id_token)), groups: ['mfa-admins'] };
      const header = JSON.parse(Buffer.from(String(body.id_token).split('.')[0]!, 'base64url').toString()) as Record<string, unknown>;
      const input = `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
      return { ...body, id_token: `${input}.${sign('sha256', Buffer.from(input), forger).toString('base64url')}` };
    });
    const view = await signIn(rt, browser, 'user-alice');
    expect(view).toMatchObject({ signIn: 'signed_out', roles: [], message: 'The sign-in could not be verified, so you are not signed in. Tell your administrator.' });
    const [fail] = await entries(rt, 'operator.signin');
    expect(fail).toMatchObject({ event: 'authn_login_fail', reasonCode: 'id_token_invalid' });
  });

  it('refuses an ID token the provider signed for another sign-in (another nonce)', async () => {
    const { rt, browser } = await start();
    server.tamperNextToken((body, resign) => ({ ...body, id_token: resign({ ...claimsOf(String(body.id_token)), nonce: 'replayed-from-another-sign-in' }) }));
    const view = await signIn(rt, browser, 'user-alice');
    expect(view).toMatchObject({ signIn: 'signed_out', roles: [], message: 'The sign-in could not be verified, so you are not signed in. Tell your administrator.' });
    const [fail] = await entries(rt, 'operator.signin');
    expect(fail).toMatchObject({ event: 'authn_login_fail', reasonCode: 'id_token_invalid' });
    expect(fail!.detail).toMatch(/nonce/);
  });

  it('cancels a sign-in left waiting in the browser; nothing stays listening', async () => {
    const { rt, browser } = await start();
    const done = nextSession(rt, (view) => view.signIn !== 'in_progress');
    ok(await rt.call('session:signIn', {}));
    // Discovery first, then the browser opens: wait for it (bounded).
    for (let i = 0; i < 100 && browser.opened.length === 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 50));
    const redirect = new URL(browser.opened[0]!.url).searchParams.get('redirect_uri')!;
    ok(await rt.call('session:cancelSignIn', {}));
    expect(await done).toMatchObject({ signIn: 'signed_out', message: 'The sign-in was cancelled. You are not signed in.' });
    await expect(fetch(`${redirect}?code=late&state=late`)).rejects.toThrow();
    const [cancelled] = await entries(rt, 'operator.signin');
    expect(cancelled).toMatchObject({ event: 'authn_login_fail', reasonCode: 'cancelled' });
  });
});

async function signedInEntries(rt: TestRuntime): Promise<AuditEntryView[]> {
  return (await entries(rt, 'operator.signin')).filter((e) => e.event === 'authn_login_success');
}
