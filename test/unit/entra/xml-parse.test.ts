import { describe, it, expect } from 'vitest';
import { parseXml, unescapeXml, XmlParseError, MAX_XML_BYTES } from '../../../main/providers/entra/xml-parse.js';
import { buildBeginRequest, buildEndRequest, buildMethodsRequest } from '../../../main/providers/entra/xml.js';
import { beginResponseSchema } from '../../../main/providers/entra/schemas.js';

function failure(body: string, contentType = ''): string {
  try {
    parseXml(body, contentType);
  } catch (error) {
    expect(error).toBeInstanceOf(XmlParseError);
    return (error as XmlParseError).code;
  }
  throw new Error('expected the parser to refuse the body');
}

describe('hardened XML parser', () => {
  it('refuses a billion-laughs document before any expansion', () => {
    const entities = ['<!ENTITY a0 "lol">'];
    for (let i = 1; i <= 9; i += 1) entities.push(`<!ENTITY a${i} "${`&a${i - 1};`.repeat(10)}">`);
    const bomb = `<?xml version="1.0"?><!DOCTYPE x [${entities.join('')}]><x>&a9;</x>`;
    expect(failure(bomb)).toBe('malformed_response');
  });

  it('leaves 100,000 numeric character references unexpanded', () => {
    // As many as fit under the size limit are read and left as they are; 100,000 are refused on size.
    const body = `<R><Result><Value>Success</Value><Message>${'&#65;'.repeat(12_000)}</Message></Result></R>`;
    const started = Date.now();
    const tree = parseXml(body) as { R: { Result: { Message: string } } };
    expect(tree.R.Result.Message.startsWith('&#65;&#65;')).toBe(true);
    expect(failure(`<R>${'&#x41;'.repeat(100_000)}</R>`)).toBe('response_too_large');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('refuses prototype-polluting tag names without touching Object.prototype', () => {
    expect(failure('<__proto__><polluted>yes</polluted></__proto__>')).toBe('malformed_response');
    expect(failure('<R><constructor><prototype>x</prototype></constructor></R>')).toBe('malformed_response');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses 1,000-deep nesting', () => {
    expect(failure('<a>'.repeat(1000) + '</a>'.repeat(1000))).toBe('malformed_response');
  });

  it('refuses a 10 MB body quickly, on size alone', () => {
    const started = Date.now();
    expect(failure('<a>' + 'x'.repeat(10 * 1024 * 1024) + '</a>')).toBe('response_too_large');
    expect(failure('<a>' + 'é'.repeat(MAX_XML_BYTES / 2 + 10) + '</a>')).toBe('response_too_large');
    expect(Date.now() - started).toBeLessThan(500);
  });

  it('types HTML pages, empty and non-XML bodies as errors instead of crashing', () => {
    expect(failure('<!DOCTYPE html><html><body>Sign in</body></html>')).toBe('html_response');
    expect(failure('<p>hi</p>', 'text/html; charset=utf-8')).toBe('html_response');
    expect(failure('')).toBe('malformed_response');
    expect(failure('{"error":"x"}')).toBe('malformed_response');
    expect(failure('<a><b></a>')).toBe('malformed_response');
  });

  it('keeps values as strings, reads i:nil and unescapes only the predefined entities', () => {
    const members = [
      '<Version>1</Version>',
      '<Result><Value>Success</Value><Message i:nil="true"/></Result>',
      '<SessionId>0012</SessionId>',
      '<AuthenticationResult>true</AuthenticationResult>',
      '<UserPrincipalName>a&amp;b@x.example</UserPrincipalName>',
      '<AffinityUrl>https://h/x?dc=A&amp;y=&#66;</AffinityUrl>',
    ];
    const xsi = 'xmlns:i="http://www.w3.org/2001/XMLSchema-instance"';
    const xml = `<BeginTwoWayAuthenticationResponse ${xsi}>${members.join('')}</BeginTwoWayAuthenticationResponse>`;
    const parsed = beginResponseSchema.parse(parseXml(xml));
    expect(parsed).toMatchObject({ value: 'Success', message: null, sessionId: '0012', authResult: 'true' });
    expect(parsed.upn).toBe('a&b@x.example');
    expect(parsed.affinityUrl).toBe('https://h/x?dc=A&y=&#66;');
    expect(unescapeXml('&lt;&gt;&quot;&apos;&amp;amp;')).toBe('<>"\'&amp;');
  });
});

describe('request builders', () => {
  const request = { methodId: 'PhoneAppNotification', overrideNumberMatchingWithOtp: false, syncCall: false };

  it('escapes every value, so a UPN cannot inject elements', () => {
    const body = buildBeginRequest({ ...request, upn: 'a&b<c>"d\'@x.example', contextId: '</ContextId><SyncCall>true' });
    expect(body).toContain('<UserPrincipalName>a&amp;b&lt;c&gt;&quot;d&apos;@x.example</UserPrincipalName>');
    expect(body).toContain('<ContextId>&lt;/ContextId&gt;&lt;SyncCall&gt;true</ContextId>');
    expect(body.match(/<SyncCall>/g)).toHaveLength(1);
    const endBody = buildEndRequest({ upn: 'u@x', contextId: 'c', sessionId: 's&', additionalAuthData: '<1>' });
    expect(endBody).toContain('<SessionId>s&amp;</SessionId><ContextId>c</ContextId>');
    expect(endBody).toContain('<AdditionalAuthData>&lt;1&gt;</AdditionalAuthData>');
    expect(buildMethodsRequest('x&y@z', 'c')).toContain('x&amp;y@z');
  });

  it('keeps the data-contract member order and the NPS members at the end', () => {
    const body = buildBeginRequest({
      ...request,
      upn: 'u@x',
      contextId: 'c',
      methodId: 'PhoneAppOTP',
      overrideNumberMatchingWithOtp: true,
    });
    const order = ['Version', 'UserPrincipalName', 'Lcid', 'AuthenticationMethodId', 'AuthenticationMethodProperties'];
    order.push('ContextId', 'SyncCall', 'RequireUserMatch', 'CallerName', 'CallerIP');
    const positions = order.map((name) => body.indexOf(`<${name}`));
    expect(positions.every((p, i) => p > 0 && (i === 0 || p > positions[i - 1]!))).toBe(true);
    expect(body).toContain('<a:Key>OverrideVoiceOtp</a:Key><a:Value>false</a:Value>');
    expect(body).toContain('<a:Key>OverrideNumberMatchingWithOTP</a:Key><a:Value>true</a:Value>');
    expect(body).toContain('<RequireUserMatch>true</RequireUserMatch>');
    const poll = buildEndRequest({ upn: 'u@x', contextId: 'c', sessionId: 's', additionalAuthData: null });
    expect(poll).toContain('<AdditionalAuthData i:nil="true"/>');
  });
});
