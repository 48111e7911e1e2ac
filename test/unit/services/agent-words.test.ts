/**
 * The words an agent reads on an outcome: every title says who did what (the account holder, the provider,
 * the app), never repeats the outcome's word, and no title, message or next step carries technical detail
 * (HTTP status, XML, DTD, app codes), which belongs behind "Details for IT".
 */
import { describe, expect, it } from 'vitest';
import type { ProviderOutcome } from '../../../main/providers/types.js';
import { tokenOutcome } from '../../../main/providers/entra/client.js';
import { documentedResultValues, lookupResultValue } from '../../../main/providers/entra/outcome-table.js';
import { httpStatusOutcome as entraHttpStatus, malformed, resultOutcome, upnMismatch } from '../../../main/providers/entra/outcomes.js';
import {
  DENIED,
  FRAUD,
  deadlineOutcome,
  httpStatusOutcome,
  malformedOutcome,
  subjectMismatchOutcome,
  transportOutcome,
  type OutcomeContext,
} from '../../../main/providers/shared/outcomes.js';
import { presentStatus } from '../../../renderer/src/lib/status.js';

/** What may never reach the agent's headline, message or next step. */
const TECHNICAL = /\bHTTP\b|\b[1-5]\d\d\b(?! seconds)|\bXML\b|\bDTD\b|\w_\w+|\bAADSTS|\bResult\/Value|\bcaller tenant\b/i;
/** Titles name who did what. */
const ACTOR = /^(The account holder|All of the account holder|The account|Entra ID|The identity provider|The app|You|Microsoft Authenticator|The verification|The request|This profile|The proxy)\b/;

function expectPlain(outcome: Pick<ProviderOutcome, 'status' | 'title' | 'message' | 'nextSteps'>, what: string): void {
  for (const text of [outcome.title, outcome.message, outcome.nextSteps ?? '']) expect(text, what).not.toMatch(TECHNICAL);
  expect(outcome.title, what).toMatch(ACTOR);
  expect(outcome.title.toLowerCase(), `${what}: the title repeats the word`).not.toBe(presentStatus(outcome.status).word.toLowerCase());
}

const ctx = (pushMayBeOut: boolean): OutcomeContext => ({ provider: 'Entra ID', pushMayBeOut });

describe('the words of every outcome', () => {
  it('every documented Entra ID answer says who did what, in plain words', () => {
    expect(documentedResultValues.length).toBeGreaterThan(40);
    for (const value of documentedResultValues) expectPlain({ ...lookupResultValue(value)!, nextSteps: lookupResultValue(value)!.nextSteps }, value);
    expectPlain(resultOutcome('SomethingNew', 'line'), 'unknown value');
    expectPlain(upnMismatch(), 'subject mismatch');
  });

  it('a denial is the account holder’s, not the caller’s, and fraud is not said twice', () => {
    expect(resultOutcome('PhoneAppDenied', null).title).toBe('The account holder denied the request');
    expect(DENIED.title).toBe('The account holder denied the request');
    expect(FRAUD.title).not.toMatch(/^fraud reported$/i);
    for (const value of ['PhoneAppDenied', 'PhoneAppFraudReported']) expect(resultOutcome(value, null).title).not.toMatch(/caller/i);
  });

  it('shared transport, status and parsing failures keep HTTP, XML and codes in the detail only', () => {
    const outcomes: [string, ProviderOutcome][] = [];
    for (const push of [false, true]) {
      for (const kind of ['timeout', 'too_large', 'bad_url', 'proxy', 'aborted', 'network'] as const) outcomes.push([`${kind}/${push}`, transportOutcome(kind, ctx(push), 5000)]);
      for (const status of [400, 404, 500, 502, 503]) outcomes.push([`http ${status}/${push}`, httpStatusOutcome(status, ctx(push))]);
      outcomes.push([`malformed/${push}`, malformedOutcome(ctx(push), 'The response was not well-formed XML')]);
      outcomes.push([`entra malformed/${push}`, malformed('The response contained a DTD, which is never accepted', push)]);
    }
    outcomes.push(['entra 401', entraHttpStatus(401)], ['deadline', deadlineOutcome(90)], ['mismatch', subjectMismatchOutcome(ctx(false), 'x')]);
    for (const [what, outcome] of outcomes) expectPlain(outcome, what);
    expect(httpStatusOutcome(500, ctx(true)).detail).toBe('HTTP 500');
    expect(malformedOutcome(ctx(false), 'The response was not well-formed XML').detail).toContain('XML');
  });

  it('a failed sign-in shows the service’s own words (AADSTS, HTTP) only as detail, and the fix for the administrator', () => {
    const aad = tokenOutcome({ code: 'AADSTS7000215', message: 'AADSTS7000215: Invalid client secret provided.', fix: 'Save the secret’s Value.' });
    expectPlain(aad, 'AADSTS');
    expect(aad.detail).toContain('AADSTS7000215: Invalid client secret provided.');
    expect(aad.nextSteps).toContain('Save the secret’s Value.');
    const status = tokenOutcome({ code: 'http_500', message: 'The Microsoft sign-in service answered HTTP 500 without a readable error.', fix: null });
    expectPlain(status, 'token http_500');
    expect(status.detail).toContain('HTTP 500');
    expectPlain(tokenOutcome({ code: 'secret_missing', message: 'No secret is set for this profile. Set it in Settings.', fix: 'Open Settings.' }), 'no secret');
  });

  it('Entra ID’s own word “caller” (meaning this app) is explained where its message is quoted', () => {
    const outcome = resultOutcome('AccessDenied', 'Caller tenant does not have access permissions to do authentication for the user.');
    expectPlain(outcome, 'AccessDenied');
    expect(outcome.detail).toMatch(/“Caller tenant .*” \(in Entra ID’s words, the “caller” is this app and its tenant, not the person on the phone\)/);
  });
});
