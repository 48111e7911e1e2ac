/**
 * The certificate credential as it is saved: the certificate (public) in the profile settings, and only its
 * private key, as compact PKCS#8 (base64 DER, no PEM armour), in the keychain. Why: Windows Credential
 * Manager holds at most 2,560 bytes per secret, and an RSA-2048 key with its certificate in PEM is about
 * 2,850; the key alone as compact PKCS#8 is about 1,630.
 */
import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import type { EntraSettings } from '../../../contract/providers/entra.js';
import type { PreparedSecret } from '../types.js';
import { pemBlocks } from './pem.js';

const PLAIN_KEY_LABELS = new Set(['PRIVATE KEY', 'RSA PRIVATE KEY']);
const MIN_RSA_BITS = 2048;

/** What the keychain stores for a profile: a client secret as typed, or the compact private key. */
export function prepareEntraSecret(settings: EntraSettings, raw: string): PreparedSecret {
  if (settings.credential === 'secret') return { ok: true, secret: raw };
  const blocks = pemBlocks(raw);
  if (blocks.some((block) => block.label === 'ENCRYPTED PRIVATE KEY')) {
    return { ok: false, message: 'is an encrypted private key; export it without a password (the OS keychain protects it)' };
  }
  const keys = blocks.filter((block) => PLAIN_KEY_LABELS.has(block.label));
  if (keys.length !== 1) return { ok: false, message: 'must contain exactly one PEM private key (-----BEGIN PRIVATE KEY-----)' };
  let key: KeyObject;
  try {
    key = createPrivateKey(keys[0]!.pem);
  } catch {
    return { ok: false, message: 'could not be read as a private key' };
  }
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (key.asymmetricKeyType !== 'rsa' || bits < MIN_RSA_BITS) {
    return { ok: false, message: 'must be an RSA private key of at least 2048 bits (Entra signs with RS256)' };
  }
  if (!settings.certificatePem) {
    return { ok: false, message: 'needs the profile’s certificate first: edit the profile, paste the certificate, then save the private key here' };
  }
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(settings.certificatePem);
  } catch {
    return { ok: false, message: 'cannot be checked: the certificate in this profile could not be read; edit the profile and paste it again' };
  }
  if (!certificate.checkPrivateKey(key)) return { ok: false, message: 'does not belong to the certificate saved in this profile' };
  return { ok: true, secret: key.export({ type: 'pkcs8', format: 'der' }).toString('base64') };
}

/** Checks the certificate setting with node:crypto when the profile is saved; a "field: problem" or null. */
export function checkEntraSettings(settings: EntraSettings, nowMs = Date.now()): string | null {
  if (settings.credential !== 'certificate' || !settings.certificatePem) return null;
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(settings.certificatePem);
  } catch {
    return 'settings.certificatePem: could not be read as an X.509 certificate';
  }
  if (certificate.publicKey.asymmetricKeyType !== 'rsa') {
    return 'settings.certificatePem: must hold an RSA key (Entra signs client assertions with RS256)';
  }
  if (Date.parse(certificate.validTo) < nowMs) {
    return `settings.certificatePem: expired on ${new Date(Date.parse(certificate.validTo)).toISOString().slice(0, 10)}; upload a new certificate to Entra and paste it here`;
  }
  return null;
}
