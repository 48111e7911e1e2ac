/**
 * The app's own authenticator as a provider: enrollment (QR, first code) and caller verification by
 * read-back code. No push, no method list, and no network: everything is the keychain and the database.
 */
import type { ConnectionTestView } from '../../../contract/domain.js';
import type { ApptotpSettings } from '../../../contract/providers/apptotp.js';
import { AppError } from '../../services/errors.js';
import type { MethodsResult, ProviderDeps, VerificationProvider } from '../types.js';
import { createAccountQueue } from './accounts.js';
import type { ApptotpContext } from './context.js';
import { startEnrollment } from './enroll.js';
import { startCodeCheck, submitCode } from './verify.js';

const PROBE_ACCOUNT = '__connection_test__';

/** Creates the app authenticator for one profile. */
export function createApptotpProvider(settings: ApptotpSettings, deps: ProviderDeps): VerificationProvider {
  const ctx: ApptotpContext = { settings, deps, accounts: deps.accounts ?? null, queue: createAccountQueue() };
  return {
    listMethods: (): Promise<MethodsResult> => Promise.resolve({ ok: false, code: 'not_supported', message: 'This profile has one method: the enrolled authenticator app.' }),
    start: (request) => startCodeCheck(ctx, request),
    submitCode: (request) => submitCode(ctx, request),
    testConnection: () => testConnection(ctx),
    script: (mode) =>
      mode === 'otp'
        ? `Ask the caller to open their authenticator app, find the account under “${settings.issuer}” and read out the 6-digit code shown now. Never read a code out to them.`
        : 'This profile checks read-back codes only; it cannot send a push.',
    enrollment: { start: (request) => startEnrollment(ctx, request) },
  };
}

/** Nothing to connect to: the check is that the keychain, where enrolled accounts live, answers. */
async function testConnection(ctx: ApptotpContext): Promise<ConnectionTestView> {
  if (!ctx.accounts) return { ok: false, code: 'no_account_storage', message: 'This copy of the app cannot store enrolled accounts.', fix: 'Report this to your administrator.' };
  try {
    await ctx.accounts.getSecret(PROBE_ACCOUNT);
    return { ok: true, code: null, message: 'The OS keychain answers: enrolled accounts can be stored and checked.', fix: null };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, code: error.code, message: error.message, fix: 'Unlock or start the OS keychain, then test again.' };
    throw error;
  }
}
