/** The users of the simulated VisualGuard repository. Addresses use the reserved example.com domain. */

export type VgUserKind = 'needs_enrollment' | 'enrolled' | 'sms_only' | 'locked_out' | 'disabled' | 'password_expired';

export interface VgSimUser {
  name: string;
  /** For the password modules (VGUser, WindowsByCredential). */
  password: string;
  kind: VgUserKind;
  email: string;
  phone: string;
  description: string;
}

/** The password every simulated user has (the sandbox profile signs in without one). */
export const SIM_PASSWORD = 'Sandbox-Passw0rd!';

/** The simulated users, one per account state. */
export function defaultUsers(): VgSimUser[] {
  const user = (name: string, kind: VgUserKind, description: string): VgSimUser => ({
    name,
    password: SIM_PASSWORD,
    kind,
    email: `${name.replace(/\W/g, '')}@example.com`,
    phone: '+33612345678',
    description,
  });
  return [
    user('jdoe', 'needs_enrollment', 'Must enroll MFA: Microsoft Authenticator and text message are offered.'),
    user('asmith', 'needs_enrollment', 'Must enroll MFA, like jdoe.'),
    user('enrolled.user', 'enrolled', 'Already has Microsoft Authenticator (no new enrollment is offered).'),
    user('sms.only', 'sms_only', 'Only text message and email can be enrolled.'),
    user('locked.user', 'locked_out', 'Locked out after failed sign-ins.'),
    user('disabled.user', 'disabled', 'Account disabled.'),
    user('expired.user', 'password_expired', 'Password expired.'),
  ];
}
