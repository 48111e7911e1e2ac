/**
 * "Sandbox (app authenticator)": the app's own authenticator with a fixed profile. There is no simulated
 * server: the provider is the real one and its enrolled accounts are really stored (keychain and database,
 * marked sandbox in the audit log). What is simulated is the phone: its authenticator app scans the QR code
 * on screen and shows the codes.
 */
import type { SandboxContribution } from '../types.js';

export const APPTOTP_SANDBOX_PROFILE_ID = '5a4db0c5-0000-4000-8000-000000000004';
export const APPTOTP_SANDBOX_PROFILE_NAME = 'Sandbox (app authenticator)';

const users = [
  { subject: 'alex@example.com', description: 'Enroll first, then verify by the code on the simulated phone.' },
  { subject: 'sam@example.com', description: 'Another account: codes from Alex’s entry never work for it.' },
];

export const apptotpSandbox: SandboxContribution = {
  kind: 'apptotp',
  start: () =>
    Promise.resolve({
      kind: 'apptotp',
      profileId: APPTOTP_SANDBOX_PROFILE_ID,
      profileName: APPTOTP_SANDBOX_PROFILE_NAME,
      settings: { issuer: 'MFA Approver Sandbox', maxAttempts: 5, lockoutMinutes: 15 },
      // No server, so no credential; the provider never reads one.
      secret: '',
      simulator: null,
      users: () => users.map((user) => ({ ...user })),
      prompts: () => [],
      respond: () => false,
      faults: [],
      setFault: (id) => id === 'none',
      nextFault: () => 'none',
      onChange: () => () => undefined,
      close: () => Promise.resolve(),
    }),
};
