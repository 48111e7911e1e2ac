/**
 * The client authentication openid-client adds to every request (or a provider adds to its own JSON
 * requests): client secret (basic or post) or a private key JWT signed with the PKCS#8 key stored as the
 * profile's secret. The secret is read from the keychain at the moment a request needs it and never kept.
 */
import { createPrivateKey } from 'node:crypto';
import { importPKCS8 } from 'jose';
import { ClientSecretBasic, ClientSecretPost, PrivateKeyJwt, type ClientAuth } from 'openid-client';

/** The settings that decide how a client authenticates (every OAuth provider's settings have them). */
export interface ClientAuthSettings {
  clientAuth: 'client_secret_basic' | 'client_secret_post' | 'private_key_jwt';
  /** `kid` of the client's key, for private key JWT. */
  keyId?: string | undefined;
}

export type CredentialRead = { ok: true; auth: ClientAuth } | { ok: false; code: 'secret_missing' | 'key_unusable'; message: string };

const MAX_SECRET = 16_384;

/** Builds the client authentication from the stored secret. Never includes the secret in a message. */
export async function clientAuthFor(settings: ClientAuthSettings, secret: string | null): Promise<CredentialRead> {
  const what = settings.clientAuth === 'private_key_jwt' ? 'private key' : 'client secret';
  if (!secret) return { ok: false, code: 'secret_missing', message: `This profile has no ${what} saved.` };
  if (secret.length > MAX_SECRET) return { ok: false, code: 'key_unusable', message: `The saved ${what} is too long to be one.` };
  if (settings.clientAuth === 'client_secret_basic') return { ok: true, auth: ClientSecretBasic(secret) };
  if (settings.clientAuth === 'client_secret_post') return { ok: true, auth: ClientSecretPost(secret) };
  const key = await signingKey(secret);
  if (!key) {
    return { ok: false, code: 'key_unusable', message: 'The saved private key could not be used: it must be an unencrypted PEM key (RSA of 2048 bits or more, EC P-256 or Ed25519).' };
  }
  return { ok: true, auth: PrivateKeyJwt(settings.keyId ? { key, kid: settings.keyId } : key) };
}

/** Reads the PEM key (PKCS#8, or PKCS#1/SEC1 converted to it) as a signing CryptoKey with its JWS algorithm. */
async function signingKey(pem: string): Promise<CryptoKey | null> {
  try {
    const key = createPrivateKey(pem);
    const alg = algorithmOf(key);
    if (!alg) return null;
    const pkcs8 = key.export({ type: 'pkcs8', format: 'pem' }).toString();
    return await importPKCS8(pkcs8, alg);
  } catch {
    return null;
  }
}

function algorithmOf(key: ReturnType<typeof createPrivateKey>): string | null {
  const details = key.asymmetricKeyDetails;
  switch (key.asymmetricKeyType) {
    case 'rsa':
      return (details?.modulusLength ?? 0) >= 2048 ? 'RS256' : null;
    case 'ec':
      return details?.namedCurve === 'prime256v1' ? 'ES256' : null;
    case 'ed25519':
      return 'EdDSA';
    default:
      return null;
  }
}
