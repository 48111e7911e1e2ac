/**
 * The app's receipt signing key: an Ed25519 key pair created on first use, its private key kept in the OS
 * keychain (PKCS#8 PEM) and read only when a receipt is signed. The public key, with its RFC 7638 thumbprint
 * as key id, is what anyone verifying a receipt offline needs.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { calculateJwkThumbprint, type JWK } from 'jose';
import type { SecretStore } from '../../secrets.js';

/** Keychain account of the signing key. */
export const SIGNING_KEY_ACCOUNT = 'receipt-signing-key:ed25519:v1';

export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  keyId: string;
}

export interface PublicKeyExport {
  keyId: string;
  pem: string;
  jwk: JWK;
}

/** The public JWK and its thumbprint (RFC 7638, SHA-256) as key id. */
export async function describePublicKey(publicKey: KeyObject): Promise<PublicKeyExport> {
  const { kty, crv, x } = publicKey.export({ format: 'jwk' });
  const jwk: JWK = { kty, crv, x };
  const keyId = await calculateJwkThumbprint(jwk, 'sha256');
  return { keyId, pem: publicKey.export({ type: 'spki', format: 'pem' }).toString(), jwk: { ...jwk, kid: keyId, alg: 'EdDSA', use: 'sig' } };
}

/** Reads the key from the keychain, creating and storing it the first time. Throws KeychainUnavailableError. */
export async function loadSigningKey(secrets: SecretStore): Promise<SigningKey> {
  let pem = await secrets.get(SIGNING_KEY_ACCOUNT);
  if (!pem) {
    const { privateKey } = generateKeyPairSync('ed25519');
    pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    await secrets.set(SIGNING_KEY_ACCOUNT, pem);
    // Read back: a keychain that silently dropped the key would otherwise sign with a key nobody can find again.
    pem = await secrets.get(SIGNING_KEY_ACCOUNT);
    if (!pem) throw new Error('The receipt signing key could not be stored in the keychain.');
  }
  const privateKey = createPrivateKey(pem);
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('The receipt signing key in the keychain is not an Ed25519 key.');
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, keyId: (await describePublicKey(publicKey)).keyId };
}
