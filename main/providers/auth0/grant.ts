/**
 * One MFA grant at the token endpoint (mfa-otp, mfa-oob, mfa-recovery-code) with the session's mfa_token and
 * client authentication, and its reading. A success counts only with an ID token that passes the app's own
 * check; the tokens themselves are not kept (the verified approver is all the approval needs).
 */
import type { ClientAuth } from 'openid-client';
import type { VerifiedApprover } from '../step-up.js';
import { readAnswer } from './answers.js';
import type { Auth0Context } from './context.js';
import { fail, type ErrorReading, type Stage } from './failures.js';
import { checkApprover } from './id-token.js';
import { tokenSchema } from './schemas.js';
import { send } from './transport.js';

export const MFA_OTP_GRANT = 'http://auth0.com/oauth/grant-type/mfa-otp';
export const MFA_OOB_GRANT = 'http://auth0.com/oauth/grant-type/mfa-oob';
export const MFA_RECOVERY_GRANT = 'http://auth0.com/oauth/grant-type/mfa-recovery-code';

export type GrantReading = { kind: 'verified'; approver: VerifiedApprover; newRecoveryCode: string | null } | ErrorReading;

export interface GrantAnswer {
  reading: GrantReading;
  /** Retry-After of the answer, if any (a slow_down may carry one). */
  retryAfter: string | null;
}

export interface GrantSession {
  mfaToken: string;
  auth: ClientAuth;
}

/** Sends one MFA grant and reads its answer at `stage`. */
export async function mfaGrant(
  ctx: Auth0Context,
  session: GrantSession,
  grantType: string,
  parameters: Record<string, string>,
  stage: Stage,
  signal: AbortSignal,
): Promise<GrantAnswer> {
  const form = { grant_type: grantType, mfa_token: session.mfaToken, ...parameters };
  const answer = await send(ctx, { method: 'POST', path: 'token', form, auth: session.auth, signal });
  const retryAfter = answer.kind === 'response' ? (answer.headers['retry-after'] ?? null) : null;
  const reading = readAnswer(ctx, answer, stage);
  if (reading.kind !== 'ok') return { reading, retryAfter };
  const tokens = tokenSchema.safeParse(reading.body);
  if (!tokens.success) {
    return { reading: { kind: 'failed', failure: fail.malformed('token answer without a usable access_token, token_type or id_token') }, retryAfter };
  }
  const check = await checkApprover(ctx, tokens.data.id_token, signal);
  if (!check.ok) return { reading: { kind: 'failed', failure: check.failure }, retryAfter };
  return { reading: { kind: 'verified', approver: check.approver, newRecoveryCode: tokens.data.recovery_code ?? null }, retryAfter };
}
