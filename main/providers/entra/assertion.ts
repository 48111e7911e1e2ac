/**
 * Certificate credential: an RS256 client_assertion JWT signed with the profile's private key, as the NPS
 * extension and AD FS adapter authenticate. Built with node:crypto only.
 */
import { createHash, createPrivateKey, randomUUID, sign, X509Certificate, type KeyObject } from 'node:crypto';
import { pemBlocks } from './pem.js';

export const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
/** Lifetime of one assertion; AAD accepts at most 10 minutes. */
const LIFETIME_SECONDS = 300;

export interface CertificateCredential {
  key: KeyObject;
  /** base64url SHA-1 of the certificate DER, the JWT `x5t` header. */
  thumbprint: string;
}

/** Thrown when the stored key or the profile's certificate cannot be used. Never includes key material. */
export class CertificateError extends Error {
  constructor(
    message: string,
    readonly code: 'certificate_invalid' | 'certificate_missing' = 'certificate_invalid',
  ) {
    super(message);
    this.name = 'CertificateError';
  }
}

/**
 * Reads the private key from the keychain entry and the certificate from the profile settings. The entry is
 * compact PKCS#8 (see credential.ts); one saved before that holds the PEM key and certificate together, and
 * still works (its certificate is used when the profile has none).
 */
export function readCertificateCredential(stored: string, certificatePem: string | undefined): CertificateCredential {
  let key: KeyObject;
  let legacyCertificate: string | undefined;
  try {
    if (stored.includes('-----BEGIN')) {
      const blocks = pemBlocks(stored);
      const keyPem = blocks.find((block) => block.label === 'PRIVATE KEY' || block.label === 'RSA PRIVATE KEY')?.pem;
      legacyCertificate = blocks.find((block) => block.label === 'CERTIFICATE')?.pem;
      if (!keyPem) throw new CertificateError('The saved credential holds no unencrypted private key. Save the private key again.');
      key = createPrivateKey(keyPem);
    } else {
      key = createPrivateKey({ key: Buffer.from(stored, 'base64'), format: 'der', type: 'pkcs8' });
    }
  } catch (error) {
    if (error instanceof CertificateError) throw error;
    throw new CertificateError('The saved private key could not be read. Save it again.');
  }
  const certificateText = certificatePem ?? legacyCertificate;
  if (!certificateText) {
    throw new CertificateError('This profile has no certificate. Edit the profile and paste the certificate.', 'certificate_missing');
  }
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(certificateText);
  } catch {
    throw new CertificateError('The certificate in this profile could not be read.');
  }
  if (key.asymmetricKeyType !== 'rsa') throw new CertificateError('The private key must be an RSA key.');
  if (!cert.checkPrivateKey(key)) throw new CertificateError('The saved private key does not belong to the certificate in this profile.');
  return { key, thumbprint: base64url(createHash('sha1').update(cert.raw).digest()) };
}

/** Builds a signed client_assertion for one token request to `tokenUrl`. */
export function buildClientAssertion(
  credential: CertificateCredential,
  clientId: string,
  tokenUrl: string,
  nowMs: number,
): string {
  const now = Math.floor(nowMs / 1000);
  const header = { alg: 'RS256', typ: 'JWT', x5t: credential.thumbprint };
  const claims = {
    aud: tokenUrl,
    iss: clientId,
    sub: clientId,
    jti: randomUUID(),
    nbf: now,
    iat: now,
    exp: now + LIFETIME_SECONDS,
  };
  const signingInput = `${encodeJson(header)}.${encodeJson(claims)}`;
  const signature = sign('sha256', Buffer.from(signingInput), credential.key);
  return `${signingInput}.${base64url(signature)}`;
}

function encodeJson(value: object): string {
  return base64url(Buffer.from(JSON.stringify(value)));
}

/** base64url without padding. */
export function base64url(bytes: Buffer): string {
  return bytes.toString('base64url');
}
