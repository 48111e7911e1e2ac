/**
 * The approvers of the simulated tenant, one per path: every factor, push only, text message only, nothing
 * enrolled yet (enrollment), and a blocked account. Passwords are simulator credentials, shown on the sandbox
 * panel; they open nothing real. Addresses use the reserved example.com domain.
 */
import { randomBytes } from 'node:crypto';
import type { SimAuthenticator, SimUser } from './options.js';

const dev = (prefix: string): string => `${prefix}|dev_${randomBytes(8).toString('base64url')}`;
/** A recovery code as Auth0 issues them: 24 upper-case letters and digits. */
export function newRecoveryCode(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return [...randomBytes(24)].map((byte) => alphabet[byte % alphabet.length]).join('');
}

function otp(): SimAuthenticator {
  return { id: dev('totp'), factor: 'otp', secret: randomBytes(20), active: true };
}
function push(name: string): SimAuthenticator {
  return { id: dev('push'), factor: 'push', name, active: true };
}
function sms(maskedPhone: string): SimAuthenticator {
  return { id: dev('sms'), factor: 'sms', name: maskedPhone, active: true };
}
function recovery(): SimAuthenticator {
  return { id: dev('recovery-code'), factor: 'recovery-code', code: newRecoveryCode(), active: true };
}

export function defaultUsers(): SimUser[] {
  return [
    {
      sub: 'auth0|66a0f1a2b3c4d5e6f7a8b9c1',
      username: 'alice@example.com',
      password: 'alice-sandbox-pass',
      description: 'Approver with Guardian push, authenticator app, text message and a recovery code.',
      authenticators: [push('Alice’s iPhone'), otp(), sms('XXXXXXXX8730'), recovery()],
    },
    {
      sub: 'auth0|66a0f1a2b3c4d5e6f7a8b9c2',
      username: 'bob@example.com',
      password: 'bob-sandbox-pass',
      description: 'Approver with Guardian push (and its offline code).',
      authenticators: [push('Bob’s Pixel'), otp(), recovery()],
    },
    {
      sub: 'auth0|66a0f1a2b3c4d5e6f7a8b9c3',
      username: 'carol@example.com',
      password: 'carol-sandbox-pass',
      description: 'Approver with text messages only.',
      authenticators: [sms('XXXXXXXX4402'), recovery()],
    },
    {
      sub: 'auth0|66a0f1a2b3c4d5e6f7a8b9c4',
      username: 'erin@example.com',
      password: 'erin-sandbox-pass',
      description: 'New approver with no second factor yet (enrollment).',
      authenticators: [],
    },
    {
      sub: 'auth0|66a0f1a2b3c4d5e6f7a8b9c5',
      username: 'mallory@example.com',
      password: 'mallory-sandbox-pass',
      description: 'Blocked account (sign-in is refused).',
      blocked: true,
      authenticators: [push('Mallory’s phone'), otp()],
    },
  ];
}
