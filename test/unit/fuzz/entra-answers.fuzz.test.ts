/**
 * Property-based fuzzing of the Entra answer parsers: connector XML (random trees over the connector's own
 * vocabulary, mutated real answers, hostile markup) and token JSON. Parsing never throws anything but its own
 * typed error, never takes 50 ms for a body up to the size limit, and only an exact approval (Success, true,
 * the same account) ever reads as approved. The same bodies then go through the real provider over loopback.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entraContract } from '../../../contract/providers/entra.js';
import { tokenFailureFromResponse } from '../../../main/providers/entra/aadsts.js';
import { toMethodViews } from '../../../main/providers/entra/methods.js';
import { createEntraProvider } from '../../../main/providers/entra/provider.js';
import { interpretBegin, interpretEnd, sameUpn } from '../../../main/providers/entra/outcomes.js';
import { aadErrorSchema, beginResponseSchema, endResponseSchema, methodsResponseSchema, tokenResponseSchema } from '../../../main/providers/entra/schemas.js';
import { MAX_XML_BYTES, parseXml, XmlParseError } from '../../../main/providers/entra/xml-parse.js';
import { systemClock } from '../../../main/services/clock.js';
import { createHttpClient, type HttpClient } from '../../../main/services/http.js';
import { silentLogger } from '../../../main/services/log.js';
import { beginXml, endXml, methodsXml } from '../../../simulators/entra/xml-out.js';
import { fuzz } from '../../helpers/fuzz.js';
import { fastestCpuMs } from '../../helpers/timing.js';
import { start } from '../entra/helpers.js';

const UPN = 'jane@contoso.com';

// ---- bodies ----

const names = fc.constantFrom(
  'BeginTwoWayAuthenticationResponse', 'EndTwoWayAuthenticationResponse', 'GetAvailableAuthenticationMethodsResponse',
  'Result', 'Value', 'Message', 'SessionId', 'AuthenticationResult', 'UserPrincipalName', 'AffinityUrl',
  'AuthenticationMethods', 'AuthenticationMethod', 'Id', 'IsDefault', 'Properties', 'KeyValueOfstringstring', 'Key',
  'a:Key', 'a:Value', 'i:nil', '__proto__', 'constructor', 'x',
);
const words = fc.oneof(
  fc.constantFrom('Success', 'true', 'false', 'challenge', 'AuthenticationPending', 'PhoneAppDenied', UPN, ' JANE@Contoso.com ', 'eve@contoso.com', '&amp;', '&lt;x&gt;', '&#x41;', '&unknown;', ']]>', '<![CDATA[true]]>', 'https://evil.example/x'),
  fc.string({ maxLength: 30 }),
);
const attribute = fc.oneof(fc.constantFrom(' i:nil="true"', ' nil="false"', ' xmlns:i="http://www.w3.org/2001/XMLSchema-instance"', ' x="&a;"', " a='1'"), fc.string({ maxLength: 12 }).map((s) => ` ${s}`));
const tree = fc.letrec<{ node: string }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    words,
    fc
      .tuple(names, fc.array(attribute, { maxLength: 2 }), fc.array(tie('node'), { maxLength: 4 }), fc.constantFrom('close', 'close', 'close', 'self', 'open'))
      .map(([name, attrs, children, ending]) => {
        if (ending === 'self') return `<${name}${attrs.join('')}/>`;
        return `<${name}${attrs.join('')}>${children.join('')}${ending === 'close' ? `</${name}>` : ''}`;
      }),
  ),
})).node;
const prologue = fc.constantFrom('', '\uFEFF', '<?xml version="1.0" encoding="utf-8"?>', '<!DOCTYPE x [<!ENTITY a "b">]>', '<!doctype html><html>', ' \n');
const valid = fc.oneof(
  fc.record({ value: fc.constantFrom('Success', 'AuthenticationPending', 'PhoneAppDenied', 'Weird_Code'), authResult: fc.constantFrom('true' as const, 'false' as const, 'challenge' as const, null), upn: fc.constantFrom(UPN, 'JANE@contoso.com', 'eve@contoso.com', null), sessionId: fc.constantFrom('s-1', null) }).map((a) => beginXml(a)),
  fc.record({ value: fc.constantFrom('Success', 'OathCodeIncorrect', 'AuthenticationPending'), authResult: fc.constantFrom('true' as const, 'false' as const, null) }).map((a) => endXml(a)),
  fc.constant(methodsXml('Success', null, [{ id: 'PhoneAppNotification', isDefault: true, properties: [] }, { id: 'OneWaySMS', isDefault: false, properties: [['MobilePhone', '+1 5550100']] }], UPN, Date.now())),
);
/** A real answer with bytes cut, inserted or swapped: the near-misses a broken proxy or server produces. */
const mutated = fc.tuple(valid, fc.array(fc.tuple(fc.nat(), fc.nat({ max: 20 }), words), { minLength: 1, maxLength: 4 })).map(([body, edits]) =>
  edits.reduce((text, [at, cut, insert]) => {
    const position = at % (text.length + 1);
    return text.slice(0, position) + insert + text.slice(position + cut);
  }, body),
);
/** Bodies up to the size limit: many elements, long text, deep nesting, repeated entities. */
const large = fc.tuple(fc.constantFrom('<a/>', '<KeyValueOfstringstring><Key>k</Key><Value>v</Value></KeyValueOfstringstring>', 'x', '&amp;', '<a>', '<a b="1" c="2"/>'), fc.integer({ min: 1_000, max: MAX_XML_BYTES })).map(
  ([unit, bytes]) => `<GetAvailableAuthenticationMethodsResponse><Result><Value>Success</Value></Result><AuthenticationMethods>${unit.repeat(Math.floor(bytes / unit.length)).slice(0, bytes - 200)}</AuthenticationMethods></GetAvailableAuthenticationMethodsResponse>`,
);
const body = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(prologue, tree).map(([p, t]) => p + t) },
  { weight: 3, arbitrary: mutated },
  { weight: 2, arbitrary: valid },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  { weight: 1, arbitrary: large },
);
const contentType = fc.constantFrom('text/xml; charset=utf-8', 'application/xml', 'text/html', '');

// ---- what must hold ----

/** An approved reading comes only from Result Success, AuthenticationResult true and the same account. */
function checkTree(tree: Record<string, unknown>): void {
  const begin = beginResponseSchema.safeParse(tree);
  if (begin.success) {
    for (const sync of [true, false]) {
      const reading = interpretBegin(begin.data, UPN, sync);
      if (reading.kind === 'final' && reading.outcome.status === 'approved') {
        expect(begin.data).toMatchObject({ value: 'Success', authResult: 'true' });
        expect(sameUpn(begin.data.upn, UPN)).toBe(true);
      }
    }
  }
  const end = endResponseSchema.safeParse(tree);
  if (end.success) {
    for (const beginUpn of [UPN, null]) {
      const reading = interpretEnd(end.data, UPN, beginUpn);
      if (reading.kind === 'final' && reading.outcome.status === 'approved') {
        expect(end.data).toMatchObject({ value: 'Success', authResult: 'true' });
        expect(sameUpn(end.data.upn ?? beginUpn, UPN)).toBe(true);
      }
    }
  }
  const methods = methodsResponseSchema.safeParse(tree);
  if (methods.success) for (const view of toMethodViews(methods.data.methods)) expect(view.label.length).toBeLessThanOrEqual(100);
}

function readAnswer([text, type]: [string, string]): void {
  let tree: Record<string, unknown>;
  try {
    tree = parseXml(text, type);
  } catch (error) {
    expect(error).toBeInstanceOf(XmlParseError);
    return;
  }
  checkTree(tree);
}

describe('Entra connector answers', () => {
  it('parse safely, quickly, and approve only an exact approval', async () => {
    let slowest = 0;
    await fuzz(
      'entra xml',
      fc.tuple(body, contentType),
      async (input) => {
        const first = await fastestCpuMs(() => readAnswer(input), 1);
        // A slow first read is read again: a pause shows once, a costly body every time.
        const ms = first < 20 ? first : Math.min(first, await fastestCpuMs(() => readAnswer(input), 3));
        slowest = Math.max(slowest, ms);
        expect(ms).toBeLessThan(50);
      },
      2000,
    );
    console.log(`fuzz entra xml: slowest parse ${slowest.toFixed(1)} ms`);
  }, 60_000);
});

describe('Entra token answers', () => {
  const json = fc.oneof(
    fc.record({ access_token: fc.oneof(fc.string({ maxLength: 40 }), fc.constant('')), token_type: fc.constant('Bearer'), expires_in: fc.oneof(fc.integer(), fc.string({ maxLength: 12 }), fc.double()) }, { requiredKeys: [] }),
    fc.record({ error: fc.string({ maxLength: 40 }), error_description: fc.oneof(fc.string({ maxLength: 200 }), fc.constant('AADSTS7000215: Invalid client secret.\r\nTrace ID: x')), error_codes: fc.array(fc.oneof(fc.integer(), fc.string()), { maxLength: 30 }) }, { requiredKeys: [] }),
    fc.jsonValue({ maxDepth: 3 }),
  );
  const text = fc.oneof({ weight: 4, arbitrary: json.map((v) => JSON.stringify(v)) }, fc.string({ unit: 'binary', maxLength: 100 }), fc.integer({ min: 60_000, max: 70_000 }).map((n) => `{"error":"x","error_description":"${'y'.repeat(n)}"}`));

  it('token and error JSON never throw, and error text reaches the agent only as one bounded line', async () => {
    await fuzz(
      'entra token json',
      fc.tuple(text, fc.constantFrom(400, 401, 403, 500, 502)),
      ([raw, status]) => {
        let value: unknown = null;
        try {
          value = JSON.parse(raw);
        } catch {
          value = null;
        }
        tokenResponseSchema.safeParse(value);
        aadErrorSchema.safeParse(value);
        const failure = tokenFailureFromResponse(status, raw);
        expect(failure.message.length).toBeLessThanOrEqual(400);
        expect(failure.message).not.toMatch(/[\r\n]/);
        expect(failure.code.length).toBeLessThanOrEqual(120);
      },
      1500,
    );
  }, 60_000);
});

describe('the provider over loopback with fuzzed answers', () => {
  let server: http.Server;
  let client: HttpClient;
  let next = { token: '{"access_token":"t","expires_in":3600}', tokenStatus: 200, connector: '', type: 'text/xml' };
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        if (String(req.url).includes('/oauth2/')) res.writeHead(next.tokenStatus, { 'Content-Type': 'application/json' }).end(next.token);
        else res.writeHead(200, { 'Content-Type': next.type }).end(next.connector);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    client = createHttpClient({ timeoutMs: 5000 });
  });
  afterAll(async () => {
    client.close();
    await new Promise((resolve) => server.close(resolve));
  });

  it('a push never ends approved unless the answer is an exact approval, and nothing throws', async () => {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const settings = entraContract.settingsSchema.parse({ tenant: 'contoso.com', loginBaseUrl: base, connectorBaseUrl: base });
    await fuzz(
      'entra provider',
      fc.tuple(body, contentType, fc.constantFrom(200, 200, 200, 400, 500)),
      async ([answer, type, tokenStatus]) => {
        next = { ...next, connector: answer, type, tokenStatus, token: tokenStatus === 200 ? '{"access_token":"t","expires_in":3600}' : answer };
        const provider = createEntraProvider(settings, { http: client, clock: systemClock, logger: silentLogger, readSecret: async () => 'secret' });
        const step = await start(provider, UPN);
        // A code challenge is a legitimate answer (the caller reads back a code); only a final step can approve.
        if (step.kind === 'challenge') return;
        const outcome = step.outcome;
        if (outcome.status === 'approved') {
          const tree = parseXml(answer, type);
          const begin = beginResponseSchema.parse(tree);
          expect(begin).toMatchObject({ value: 'Success', authResult: 'true' });
          expect(sameUpn(begin.upn, UPN)).toBe(true);
        }
        expect(`${outcome.title} ${outcome.message} ${outcome.nextSteps ?? ''}`).not.toMatch(/https:\/\/evil|<|\r|\n/);
        const test = await provider.testConnection(new AbortController().signal);
        expect(typeof test.ok).toBe('boolean');
      },
      300,
    );
  }, 60_000);
});
