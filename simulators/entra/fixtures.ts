/** The users of the simulated tenant (reference §7.6). Phone numbers are from the fictional 555-01xx range. */
import type { SimUser } from './options.js';

const push = { id: 'PhoneAppNotification', isDefault: true };

/** Users of the tenant, one per behaviour worth trying. */
export function defaultUsers(domain: string): SimUser[] {
  return [
    { upn: `push@${domain}`, description: 'Microsoft Authenticator push (default method).', methods: [push] },
    {
      upn: `push-totp@${domain}`,
      description: 'Authenticator push (default) and Authenticator code.',
      methods: [push, { id: 'PhoneAppOTP', isDefault: false }],
    },
    {
      upn: `sms@${domain}`,
      description: 'Text message only (default). Push is not registered; use the code option.',
      methods: [{ id: 'OneWaySMS', isDefault: true, phone: '+1 4255550101' }],
    },
    {
      upn: `voice@${domain}`,
      description: 'Phone call to mobile only (default). Push is not registered.',
      methods: [{ id: 'TwoWayVoiceMobile', isDefault: true, phone: '+1 4255550102' }],
    },
    {
      upn: `totp@${domain}`,
      description: 'Authenticator code only.',
      methods: [{ id: 'PhoneAppOTP', isDefault: true }],
    },
    { upn: `no-methods@${domain}`, description: 'No MFA methods registered.', methods: [] },
    {
      upn: `approves@${domain}`,
      description: 'Scripted phone: approves every push by itself after a second (for runbooks and the CLI).',
      methods: [push],
      behaviour: { action: 'approve', delayMs: 1000 },
    },
    {
      upn: `denies@${domain}`,
      description: 'Scripted phone: denies every push by itself after a second.',
      methods: [push],
      behaviour: { action: 'deny', delayMs: 1000 },
    },
    { upn: `blocked@${domain}`, description: 'Blocked from MFA (UserIsBlocked).', methods: [push], blocked: true },
  ];
}

/** Extra names listed for the sandbox panel: they exist only to show the error answers. */
export function exampleUsers(domain: string): { upn: string; description: string }[] {
  return [
    { upn: 'someone@fabrikam.example', description: 'Domain of another tenant (AccessDenied).' },
    { upn: `nobody@${domain}`, description: 'Not in the directory (UserNotFound).' },
  ];
}
