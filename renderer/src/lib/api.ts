/**
 * Access to `window.mfa` and a guard that keeps the "never throws" promise even if the transport breaks.
 */
import type { MfaApi } from '../../../contract/api';
import type { Result } from '../../../contract/domain';

/** True when preload (or the browser bridge) exposed the API. */
export function hasApi(): boolean {
  return typeof window !== 'undefined' && typeof window.mfa === 'object' && window.mfa !== null;
}

/** The intent API. Components never call it directly; stores do. */
export function api(): MfaApi {
  return window.mfa;
}

/**
 * Runs one API call. Handlers answer a Result and never throw, but a closed transport (e.g. the browser
 * shell's socket going away) could still reject; turn that into a failure the screen can show.
 */
export async function settle<T>(call: (mfa: MfaApi) => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await call(api());
  } catch {
    return {
      ok: false,
      code: 'internal',
      message: 'The app did not answer. Try again; if it keeps happening, restart MFA Approver.',
    };
  }
}
