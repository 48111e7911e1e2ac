/** What the flows of one VisualGuard profile share, and the addresses they call. */
import { hostOf } from '../../../contract/urls.js';
import { visualguardRoutes, type VisualguardSettings } from '../../../contract/providers/visualguard.js';
import type { OutcomeContext } from '../shared/outcomes.js';
import type { ProviderDeps } from '../types.js';

export interface VgTuning {
  /** Deadline of every single HTTP request. */
  requestTimeoutMs: number;
}

export const defaultTuning: VgTuning = { requestTimeoutMs: 30_000 };

export interface VgUrls {
  token: string;
  qrImage: string;
  qrBytes: string;
  validate: string;
}

export interface VgContext {
  settings: VisualguardSettings;
  deps: ProviderDeps;
  tuning: VgTuning;
  urls: VgUrls;
  /** How outcomes name the provider. */
  outcome: OutcomeContext;
}

/** The server address joined with each route (a path base such as /VGIdentityServer is kept). */
export function resolveUrls(settings: VisualguardSettings): VgUrls {
  const base = settings.serverUrl.replace(/\/+$/, '');
  const routes = visualguardRoutes(settings);
  return { token: base + routes.tokenPath, qrImage: base + routes.qrImagePath, qrBytes: base + routes.qrBytesPath, validate: base + routes.validatePath };
}

/** The shared context of one VisualGuard profile. */
export function createContext(settings: VisualguardSettings, deps: ProviderDeps, tuning: Partial<VgTuning> = {}): VgContext {
  const host = hostOf(settings.serverUrl);
  // Nothing VisualGuard does here sends a push, so a failure never means "a push may be out".
  return { settings, deps, tuning: { ...defaultTuning, ...tuning }, urls: resolveUrls(settings), outcome: { provider: host ? `VisualGuard (${host})` : 'VisualGuard', pushMayBeOut: false } };
}
