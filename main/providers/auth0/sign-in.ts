/**
 * The first factor: the password (or password-realm) grant, which must answer `mfa_required` with an
 * mfa_token, then the approver's enrolled authenticators. The password goes into exactly one request and is
 * kept nowhere. A token answer without `mfa_required` proves no second factor and is refused.
 */
import { singleLine } from '../../services/text.js';
import { clientAuthFor } from '../shared/client-auth.js';
import { secretReadFailure } from '../shared/secret.js';
import type { SignInResult, StepUpAuthenticator, StepUpFactor, StepUpFailure, StepUpSession } from '../step-up.js';
import { readAnswer } from './answers.js';
import { MFA_TOKEN_LIFETIME_MS, type Auth0Context } from './context.js';
import { fail } from './failures.js';
import { forgetSession, newSession, sessionState } from './handles.js';
import { authenticatorsSchema, mfaRequiredSchema, type AuthenticatorEntry } from './schemas.js';
import { send } from './transport.js';

export const PASSWORD_REALM_GRANT = 'http://auth0.com/oauth/grant-type/password-realm';
/** Margin under Auth0's 600 s: the token was minted a moment before its answer reached the app. */
const EXPIRY_MARGIN_MS = 5_000;

export interface SignInRequest {
  username: string;
  password: string;
  signal: AbortSignal;
}

export async function signIn(ctx: Auth0Context, owner: object, request: SignInRequest): Promise<SignInResult> {
  let secret: string | null;
  try {
    secret = await ctx.deps.readSecret();
  } catch (error) {
    // A locked keychain is not a missing secret: nobody must be asked to enter it again.
    const unreadable = secretReadFailure(error);
    return { kind: 'failed', failure: fail.keychain(unreadable.code, unreadable.message, unreadable.fix) };
  }
  const auth = await clientAuthFor(ctx.settings, secret);
  if (!auth.ok) return { kind: 'failed', failure: fail.secretMissing(auth.message) };
  const { realm, audience } = ctx.settings;
  const form: Record<string, string> = {
    grant_type: realm ? PASSWORD_REALM_GRANT : 'password',
    username: request.username,
    password: request.password,
    scope: 'openid email',
  };
  if (realm) form.realm = realm;
  if (audience) form.audience = audience;
  const answer = await send(ctx, { method: 'POST', path: 'token', form, auth: auth.auth, signal: request.signal });
  if (answer.kind === 'response' && answer.status === 403 && answer.body.ok) {
    const required = mfaRequiredSchema.safeParse(answer.body.value);
    if (required.success) {
      const expiresAt = ctx.deps.clock.now() + MFA_TOKEN_LIFETIME_MS - EXPIRY_MARGIN_MS;
      const session = newSession(owner, required.data.mfa_token, auth.auth, expiresAt);
      const listed = await listAuthenticators(ctx, owner, session, request.signal);
      if (!listed.ok) forgetSession(session);
      return listed.ok ? { kind: 'mfa', session, authenticators: listed.authenticators } : { kind: 'failed', failure: listed.failure };
    }
  }
  const reading = readAnswer(ctx, answer, 'password');
  // Fail closed: tokens for the password alone are not a step-up.
  if (reading.kind === 'ok') return { kind: 'failed', failure: fail.mfaNotRequired() };
  if (reading.kind === 'pending' || reading.kind === 'slow_down') return { kind: 'failed', failure: fail.unexpected(reading.kind, null) };
  return { kind: 'failed', failure: reading.failure };
}

type Listed = { ok: true; authenticators: StepUpAuthenticator[] } | { ok: false; failure: StepUpFailure };

/** GET /mfa/authenticators with the mfa_token: the active ones the app can complete, labelled for the approver. */
async function listAuthenticators(ctx: Auth0Context, owner: object, session: StepUpSession, signal: AbortSignal): Promise<Listed> {
  const state = sessionState(owner, session)!;
  const answer = await send(ctx, { method: 'GET', path: 'authenticators', bearer: state.mfaToken, signal });
  const reading = readAnswer(ctx, answer, 'authenticators');
  if (reading.kind !== 'ok') {
    return { ok: false, failure: 'failure' in reading ? reading.failure : fail.unexpected(reading.kind, null) };
  }
  const parsed = authenticatorsSchema.safeParse(reading.body);
  if (!parsed.success) return { ok: false, failure: fail.malformed('authenticator list of an unexpected shape') };
  const authenticators = parsed.data.filter((entry) => entry.active).flatMap((entry) => {
    const factor = factorOf(entry);
    return factor ? [{ id: entry.id, factor, label: labelOf(factor, entry.name) }] : [];
  });
  return { ok: true, authenticators };
}

/** The factor of an authenticator entry; null for kinds this app cannot complete (WebAuthn, …). */
function factorOf(entry: AuthenticatorEntry): StepUpFactor | null {
  if (entry.authenticator_type === 'otp') return 'otp';
  if (entry.authenticator_type === 'recovery-code') return 'recovery-code';
  if (entry.authenticator_type !== 'oob') return null;
  switch (entry.oob_channel) {
    case 'auth0':
      return 'push';
    case 'sms':
      return 'sms';
    case 'voice':
      return 'voice';
    case 'email':
      return 'email';
    default:
      return null;
  }
}

/** Phone numbers keep their last 4 digits only (Auth0 masks them already; this holds if it ever does not). */
function masked(name: string): string {
  const digits = name.replace(/\D/g, '').length;
  let seen = 0;
  return name.replace(/\d/g, (digit) => (++seen > digits - 4 ? digit : '•'));
}

function labelOf(factor: StepUpFactor, rawName: string | undefined): string {
  const name = rawName ? singleLine(rawName, 60).trim() : '';
  switch (factor) {
    case 'push':
      return name ? `Guardian push to ${name}` : 'Guardian push';
    case 'otp':
      return 'Code from an authenticator app';
    case 'sms':
      return name ? `Text message to ${masked(name)}` : 'Text message';
    case 'voice':
      return name ? `Phone call to ${masked(name)}` : 'Phone call';
    case 'email':
      return name ? `Email to ${name}` : 'Email';
    default:
      return 'Recovery code';
  }
}
