/**
 * The simulated phone of the sandbox: Guardian pushes to approve or reject, Guardian enrollment QR codes to
 * "scan", text messages with their code, and the authenticator app showing its current code while an OTP
 * challenge or enrollment waits.
 */
import type { PhonePrompt } from '../../contract/domain.js';
import { totp } from '../../main/services/totp.js';
import type { Auth0SimCore } from './core.js';

const SOURCE = 'Auth0 (simulated)';

export function phonePrompts(core: Auth0SimCore): PhonePrompt[] {
  const profileId = core.options.profileId;
  const prompts: PhonePrompt[] = core.oobs.pending({}).map((entry) => {
    const push = entry.channel === 'auth0';
    return {
      id: entry.id,
      profileId,
      source: entry.enrollment && push ? 'Auth0 Guardian enrollment (simulated): Approve scans the QR code' : `${SOURCE}: Guardian`,
      subject: entry.username,
      kind: push ? 'push' : entry.channel === 'voice' ? 'voice' : 'sms',
      bindingMessage: null,
      code: push ? null : entry.bindingCode,
      actions: push ? (entry.enrollment ? ['approve', 'ignore'] : ['approve', 'deny', 'ignore']) : ['ignore'],
      receivedAt: entry.receivedAt,
    };
  });
  for (const [id, display] of core.otpDisplays) {
    if (core.now() >= display.until) {
      core.otpDisplays.delete(id);
      continue;
    }
    prompts.push({
      id,
      profileId,
      source: `${SOURCE}: authenticator app`,
      subject: display.username,
      kind: 'otp',
      bindingMessage: null,
      code: totp(display.secret, core.now()),
      actions: ['ignore'],
      receivedAt: display.receivedAt,
    });
  }
  return prompts;
}
