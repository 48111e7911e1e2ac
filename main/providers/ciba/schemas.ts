/**
 * Shapes of every body a CIBA provider sends, checked before anything in them is used. Strings are size
 * limited first; unknown members are dropped (never spread into anything).
 */
import { z } from 'zod';
import { isAllowedBaseUrl } from '../../../contract/urls.js';

const text = (max: number) => z.string().max(max);
/** An endpoint the app may call: https, or plain http to loopback only (the sandbox). */
const endpointUrl = text(300).refine((value) => isAllowedBaseUrl(value), 'endpoint must be https');

/** The discovery document members the app relies on. */
export const serverMetadataSchema = z.object({
  issuer: text(300).min(1),
  token_endpoint: endpointUrl,
  backchannel_authentication_endpoint: endpointUrl,
  jwks_uri: endpointUrl,
  backchannel_token_delivery_modes_supported: z.array(text(20)).max(10).optional(),
});
export type ServerMetadataView = z.infer<typeof serverMetadataSchema>;

/** The answer of the backchannel authentication endpoint (CIBA §7.3). */
export const initiateResponseSchema = z.object({
  auth_req_id: text(4096).min(1),
  expires_in: z.number().int().positive().max(86_400),
  /** Seconds; a positive whole number (openid-client refuses 0 as well). */
  interval: z.number().int().min(1).max(600).optional(),
});

/** A token endpoint success (RFC 6749 §5.1 plus the ID token). */
export const tokenResponseSchema = z.object({
  access_token: text(16_384).min(1),
  token_type: text(40).min(1),
  id_token: text(16_384).min(1).optional(),
  expires_in: z.number().optional(),
  scope: text(2048).optional(),
});
export type TokenResponse = z.infer<typeof tokenResponseSchema>;

/** An OAuth error (RFC 6749 §5.2): the code is a short token, the description free text. */
export const oauthErrorSchema = z.object({
  error: text(100).regex(/^[\x20-\x21\x23-\x5b\x5d-\x7e]{1,100}$/),
  error_description: text(2000).optional(),
});
export type OAuthError = z.infer<typeof oauthErrorSchema>;

/** True when a parsed body carries an `error` member at all (even with status 200). */
export function hasErrorMember(value: unknown): boolean {
  return typeof value === 'object' && value !== null && Object.prototype.hasOwnProperty.call(value, 'error');
}
