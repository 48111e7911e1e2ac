import { describe, it, expect } from 'vitest';
import type { EntraSettings } from '../../../contract/providers/entra.js';
import { chooseEndUrl, datacenterOf } from '../../../main/providers/entra/affinity.js';
import { resolveEndpoints } from '../../../main/providers/entra/cloud.js';
import { maskPhone, TELEPHONY_RETIREMENT_NOTICE, toMethodViews } from '../../../main/providers/entra/methods.js';

const settings = (patch: Partial<EntraSettings> = {}): EntraSettings => ({
  tenant: 'contoso.com',
  cloud: 'public',
  connectorHost: 'strongauth',
  tokenVersion: 'v2',
  credential: 'secret',
  mode: 'sync',
  pollIntervalMs: 5000,
  deadlineMs: 90_000,
  ...patch,
});

describe('endpoints per cloud', () => {
  it('resolves STS, connector host and the adnotifications audience', () => {
    const pub = resolveEndpoints(settings());
    expect(pub.tokenUrl).toBe('https://login.microsoftonline.com/contoso.com/oauth2/v2.0/token');
    expect(pub.opUrl('BeginTwoWayAuthentication')).toBe(
      'https://strongauthenticationservice.auth.microsoft.com/StrongAuthenticationService.svc/Connector/BeginTwoWayAuthentication',
    );
    expect(pub.resource).toBe('https://adnotifications.windowsazure.com/StrongAuthenticationService.svc/Connector');
    const gov = resolveEndpoints(settings({ cloud: 'usgov', connectorHost: 'adnotifications', tokenVersion: 'v1' }));
    expect(gov.tokenUrl).toBe('https://login.microsoftonline.us/contoso.com/oauth2/token');
    expect(gov.connectorBase).toBe('https://adnotifications.windowsazure.us/StrongAuthenticationService.svc/Connector');
    expect(gov.resource).toBe('https://adnotifications.windowsazure.us/StrongAuthenticationService.svc/Connector');
    expect(resolveEndpoints(settings({ cloud: 'china' })).tokenUrl).toContain('https://login.chinacloudapi.cn/');
  });

  it('honours the sandbox overrides without changing the audience', () => {
    const e = resolveEndpoints(
      settings({ loginBaseUrl: 'http://127.0.0.1:4000/', connectorBaseUrl: 'http://127.0.0.1:4001' }),
    );
    expect(e.tokenUrl).toBe('http://127.0.0.1:4000/contoso.com/oauth2/v2.0/token');
    expect(e.connectorBase).toBe('http://127.0.0.1:4001/StrongAuthenticationService.svc/Connector');
    expect(e.resource).toContain('adnotifications.windowsazure.com');
  });
});

describe('AffinityUrl handling', () => {
  const e = resolveEndpoints(settings());
  const fallback = e.opUrl('EndTwoWayAuthentication');
  const base = 'https://strongauthenticationservice.auth.microsoft.com/StrongAuthenticationService.svc/Connector';
  const END_PATH = '/StrongAuthenticationService.svc/Connector/EndTwoWayAuthentication';

  it('uses a same-host AffinityUrl as-is and never doubles the operation', () => {
    expect(chooseEndUrl(`${base}/EndTwoWayAuthentication?dc=KRS`, e)).toBe(`${base}/EndTwoWayAuthentication?dc=KRS`);
    expect(chooseEndUrl(`${base}?dc=KRS`, e)).toBe(`${base}/EndTwoWayAuthentication?dc=KRS`);
    expect(datacenterOf(`${base}/EndTwoWayAuthentication?dc=KRS`)).toBe('KRS');
    expect(datacenterOf(`${base}?dc=<script>`)).toBeNull();
  });

  it('follows an AffinityUrl to the cloud’s other published connector host (as a real AD FS trace shows)', () => {
    const other = `https://adnotifications.windowsazure.com${END_PATH}?dc=KRS`;
    expect(chooseEndUrl(other, e)).toBe(other);
    // Another cloud's connector host is not this cloud's.
    expect(chooseEndUrl(`https://adnotifications.windowsazure.us${END_PATH}?dc=KRS`, e)).toBe(fallback);
    // With an overridden connector base (a proxy front, the sandbox), only that base is followed.
    const overridden = resolveEndpoints(settings({ connectorBaseUrl: 'https://mfa-front.contoso.com' }));
    expect(chooseEndUrl(other, overridden)).toBe(overridden.opUrl('EndTwoWayAuthentication'));
    expect(chooseEndUrl(`https://mfa-front.contoso.com${END_PATH}?dc=KRS`, overridden)).toBe(`https://mfa-front.contoso.com${END_PATH}?dc=KRS`);
  });

  it('falls back to the configured End URL for other hosts, schemes or paths', () => {
    for (const url of [
      `https://evil.example${END_PATH}`,
      `https://adnotifications.windowsazure.com.evil.example${END_PATH}`,
      `http://strongauthenticationservice.auth.microsoft.com${END_PATH}`,
      `https://user:pw@strongauthenticationservice.auth.microsoft.com${END_PATH}`,
      `${base}/BeginTwoWayAuthentication`,
      `${base}%2F..%2F..%2Fother/EndTwoWayAuthentication`,
      `${base}Admin/Foo/EndTwoWayAuthentication`,
      `${base}/Other/EndTwoWayAuthentication`,
      `${base}/..%5cother/EndTwoWayAuthentication`,
      'not a url',
      null,
    ]) {
      expect(chooseEndUrl(url, e)).toBe(fallback);
    }
  });
});

describe('method views', () => {
  it('masks phone numbers to the last four digits', () => {
    expect(maskPhone('+1 4255550123')).toBe('+1 ••• ••• 0123');
    expect(maskPhone('4255550123')).toBe('••• ••• 0123');
    expect(maskPhone('+1 XXXXXXXX01')).toBe('+1 ••• ••• ••01');
    expect(maskPhone('no digits')).toBe('••• ••• ••••');
  });

  it('labels known methods and keeps unknown ones by id', () => {
    const views = toMethodViews([
      { id: 'PhoneAppNotification', isDefault: true, properties: [] },
      { id: 'TwoWayVoiceOffice', isDefault: false, properties: [['PhoneNumber', '+44 2079460000']] },
      { id: 'FutureMethod', isDefault: false, properties: [] },
    ]);
    expect(views).toEqual([
      {
        id: 'PhoneAppNotification',
        label: 'Microsoft Authenticator push',
        isDefault: true,
        detail: null,
        kind: 'push',
        notice: null,
      },
      {
        id: 'TwoWayVoiceOffice',
        label: 'Phone call (office)',
        isDefault: false,
        detail: '+44 ••• ••• 0000',
        kind: 'voice',
        notice: TELEPHONY_RETIREMENT_NOTICE,
      },
      { id: 'FutureMethod', label: 'FutureMethod', isDefault: false, detail: null, kind: 'push', notice: null },
    ]);
  });

  it('warns that Microsoft ends its own text messages and calls on 2027-02-01, on those methods only', () => {
    const views = toMethodViews([
      { id: 'PhoneAppNotification', isDefault: false, properties: [] },
      { id: 'PhoneAppOTP', isDefault: false, properties: [] },
      { id: 'OneWaySMS', isDefault: true, properties: [] },
      { id: 'TwoWaySMS', isDefault: false, properties: [] },
      { id: 'TwoWayVoiceMobile', isDefault: false, properties: [] },
      { id: 'TwoWayVoiceAlternateMobile', isDefault: false, properties: [] },
    ]);
    expect(views.filter((v) => v.notice).map((v) => v.id)).toEqual(['OneWaySMS', 'TwoWaySMS', 'TwoWayVoiceMobile', 'TwoWayVoiceAlternateMobile']);
    expect(TELEPHONY_RETIREMENT_NOTICE).toContain('1 February 2027');
  });
});
