/** The only way the renderer reaches main: the intent API exposed by preload (or the browser shell's bridge). */
import type { MfaApi } from '../../contract/api';

declare global {
  interface Window {
    readonly mfa: MfaApi;
  }
}

export {};
