/**
 * Enrollment under the policy: a locked account gets no new authenticator, a ticket must be in the policy's
 * format, and each decision (allowed or refused) is an audit entry, as for verifications.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { APPTOTP_SANDBOX_PROFILE_ID } from '../../../simulators/apptotp/sandbox.js';
import { ok, type TestRuntime } from '../../helpers/runtime.js';
import { domain, finalView, lastEntry, policyRuntime, request } from '../../helpers/policy-runtime.js';

let running: TestRuntime | null = null;
afterEach(async () => {
  await running?.close();
  running = null;
});

const enroll = (user: string, ticket: string) => ({ profileId: APPTOTP_SANDBOX_PROFILE_ID, subject: `${user}@${domain}`, reason: 'New phone, verified by callback', ticket });

describe('enrollment under the policy', () => {
  it('refuses a ticket in the wrong format and a locked account, and records every decision', async () => {
    const { rt } = await policyRuntime({ verification: { ticketFormats: ['INC###'] } });
    running = rt;

    expect(await rt.call('enroll:start', enroll('push', 'CHG-1'))).toMatchObject({ ok: false, code: 'bad_request', message: expect.stringMatching(/^ticket: must be INC followed by 3 digits/) });
    expect(await lastEntry(rt, 'policy_decision')).toMatchObject({ action: 'policy.enroll', outcome: 'refused', reasonCode: 'ticket_format', target: `push@${domain}` });

    const allowed = ok(await rt.call('enroll:start', enroll('someone', 'INC001')));
    expect(allowed.status).toBe('awaiting_code');
    expect(await lastEntry(rt, 'policy_decision')).toMatchObject({ action: 'policy.enroll', outcome: 'allowed', target: `someone@${domain}` });
    ok(await rt.call('enroll:cancel', { enrollmentId: allowed.id }));

    // A fraud report on a verification locks the account: no authenticator may be added to it either.
    const started = ok(await rt.call('verify:start', request('push', 'INC002')));
    await expect.poll(() => rt.runtime.sandbox!.state().prompts.length, { timeout: 5000 }).toBe(1);
    rt.runtime.sandbox!.respond(rt.runtime.sandbox!.state().prompts[0]!.id, 'fraud');
    expect((await finalView(rt, started.id)).status).toBe('fraud');
    expect(await rt.call('enroll:start', enroll('PUSH', 'INC003'))).toMatchObject({ ok: false, code: 'forbidden', message: expect.stringMatching(/^subject: is locked against verifications from this app since /) });
    expect(await lastEntry(rt, 'policy_decision')).toMatchObject({ action: 'policy.enroll', outcome: 'refused', reasonCode: 'target_locked', targetCanonical: `push@${domain}` });
  });
});
