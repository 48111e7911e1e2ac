/**
 * Deep links (mfa-approver://approve?…) are parsed strictly and never trusted: oversized links, unknown or
 * repeated parameters, script text, wrong types and anything but the one scheme and host are refused with a
 * reason; an accepted link only pre-fills the form. The service records each link in the audit log.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_DEEP_LINK, parseDeepLink } from '../../../contract/approvals.js';
import { ok } from '../../helpers/runtime.js';
import { startApprovals, type ApprovalsRig } from './helpers.js';

const GOOD = 'mfa-approver://approve?ref=PAY-2026-0042&amount=25000.00&currency=EUR&beneficiary=M%C3%BCller+Maschinenbau+GmbH&iban=DE89370400440532013000&purpose=Invoice+2026-117';

describe('deep link parsing', () => {
  it('pre-fills every field of a well-formed link', () => {
    expect(parseDeepLink(GOOD)).toEqual({
      ok: true,
      draft: { reference: 'PAY-2026-0042', amount: '25000.00', currency: 'EUR', beneficiary: 'Müller Maschinenbau GmbH', accountType: 'iban', account: 'DE89370400440532013000', purpose: 'Invoice 2026-117' },
    });
    expect(parseDeepLink('mfa-approver://approve?account=12345678&currency=usd')).toEqual({ ok: true, draft: { accountType: 'account', account: '12345678', currency: 'USD' } });
    expect(parseDeepLink('mfa-approver://approve')).toEqual({ ok: true, draft: {} });
  });

  it.each([
    ['oversized', `${GOOD}&purpose2=${'A'.repeat(MAX_DEEP_LINK)}`, `the link is too long (${MAX_DEEP_LINK} characters at most)`],
    ['unknown field', `${GOOD}&approve=true`, 'unknown parameter approve'],
    ['unknown field (prototype)', 'mfa-approver://approve?__proto__=x', 'unknown parameter __proto__'],
    ['repeated field (an array)', 'mfa-approver://approve?amount=1&amount=2', 'the parameter amount appears twice'],
    ['script text in a name', 'mfa-approver://approve?beneficiary=%3Cscript%3Ealert(1)%3C%2Fscript%3E', "beneficiary: may contain letters, digits, spaces and . , ' - / & ( ) + : ? @ # only"],
    ['markup in the purpose', 'mfa-approver://approve?purpose=%3Cimg+src%3Dx+onerror%3Dalert(1)%3E', "purpose: may contain letters, digits, spaces and . , ' - / & ( ) + : ? @ # only"],
    ['script text in the reference', 'mfa-approver://approve?ref=%22%3E%3Cscript%3E', "ref: may contain letters, digits, spaces and / - ? : ( ) . , ' + only"],
    ['wrong type: amount not a number', 'mfa-approver://approve?amount=lots', 'amount: must be a number such as 12500.00 (digits and a dot, no thousands separators)'],
    ['wrong type: amount as JSON', 'mfa-approver://approve?amount=%7B%22%24gt%22%3A0%7D', 'amount: must be a number such as 12500.00 (digits and a dot, no thousands separators)'],
    ['wrong type: currency', 'mfa-approver://approve?currency=EURO', 'currency: is too long (3 characters at most)'],
    ['bad IBAN checksum', 'mfa-approver://approve?iban=DE89370400440532013001', 'iban: must be a valid IBAN'],
    ['both iban and account', 'mfa-approver://approve?iban=DE89370400440532013000&account=12345678', 'may name an iban or an account, not both'],
    ['newline smuggled in a value', 'mfa-approver://approve?purpose=a%0Ab', "purpose: may contain letters, digits, spaces and . , ' - / & ( ) + : ? @ # only"],
    ['another scheme', 'https://approve.example.com/?ref=A1', 'the link must start with mfa-approver://approve'],
    ['javascript scheme', 'javascript:alert(1)//mfa-approver://approve', 'the link must start with mfa-approver://approve'],
    ['another host', 'mfa-approver://approvex?ref=A1', 'the link must be mfa-approver://approve?… with nothing else before the parameters'],
    ['a path', 'mfa-approver://approve/../settings?ref=A1', 'the link must be mfa-approver://approve?… with nothing else before the parameters'],
    ['a user name', 'mfa-approver://approve@evil?ref=A1', 'the link must be mfa-approver://approve?… with nothing else before the parameters'],
    ['a fragment', 'mfa-approver://approve?ref=A1#x', 'the link must be mfa-approver://approve?… with nothing else before the parameters'],
    ['a port', 'mfa-approver://approve:443?ref=A1', 'the link must be mfa-approver://approve?… with nothing else before the parameters'],
    ['spaces', 'mfa-approver://approve?ref=A 1', 'the link contains spaces or control characters'],
  ])('refuses %s', (_name, link, message) => {
    expect(parseDeepLink(link)).toEqual({ ok: false, message });
  });

  it.each([[null], [42], [{ url: GOOD }], [[GOOD]], [undefined]])('refuses a link that is not text (%j)', (value) => {
    expect(parseDeepLink(value)).toEqual({ ok: false, message: 'the link is not text' });
  });
});

describe('deep links in the app', () => {
  let rig: ApprovalsRig;
  beforeEach(async () => {
    rig = await startApprovals();
  });
  afterEach(async () => rig.close());

  it('only pre-fill: nothing is created or signed in; the draft waits once for the screen; each link is audited', async () => {
    const events: unknown[] = [];
    rig.rt.runtime.events.subscribe((event, payload) => event === 'approvals:link' && events.push(payload));
    rig.rt.runtime.openDeepLink(GOOD);
    expect(events).toEqual([{ ok: true, draft: expect.objectContaining({ reference: 'PAY-2026-0042' }) }]);
    expect(ok(await rig.rt.call('approvals:state', {})).releases).toEqual([]);
    expect(rig.sim.counts().token).toBe(0);
    expect(ok(await rig.rt.call('approvals:takeLink', {})).draft).toMatchObject({ amount: '25000.00' });
    expect(ok(await rig.rt.call('approvals:takeLink', {})).draft).toBeNull();

    const refused = ok(await rig.rt.call('approvals:openLink', { url: 'mfa-approver://approve?ref=%3Cscript%3E' }));
    expect(refused).toEqual({ ok: false, message: "ref: may contain letters, digits, spaces and / - ? : ( ) . , ' + only" });
    const rows = ok(await rig.rt.call('audit:list', { search: 'approval.link' }));
    expect(rows.map((r) => r.outcome).sort()).toEqual(['accepted', 'refused']);
    // The untrusted link itself is never stored.
    expect(JSON.stringify(rows)).not.toContain('script');
  });
});
