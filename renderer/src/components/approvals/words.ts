/** Plain names for factors and what an approver types. */
import type { StepUpFactorView, StepUpView } from '../../../../contract/approvals-view';

export const factorLabel: Record<StepUpFactorView, string> = {
  otp: 'an authenticator app code',
  push: 'a Guardian push',
  sms: 'a text message code',
  voice: 'a phone call code',
  email: 'an email code',
  'recovery-code': 'a recovery code',
};

export const codeLabels: Record<NonNullable<StepUpView['codeKind']>, { label: string; hint: string; pattern: RegExp }> = {
  otp: { label: 'Code from your authenticator app', hint: '6 digits.', pattern: /^\d{6}$/ },
  binding: { label: 'Code sent to your phone', hint: 'The 4 to 8 digits of the latest text message or call.', pattern: /^\d{4,8}$/ },
  recovery: { label: 'Recovery code', hint: 'The letters and digits you saved when you enrolled (spaces do not matter).', pattern: /^[A-Za-z0-9 -]{8,64}$/ },
};
