/**
 * Certificate credential: an RS256 client_assertion JWT signed with the profile's private key, as the NPS
 * extension and AD FS adapter authenticate. Built with node:crypto only.
 */
import { createHash, createPrivateKey, randomUUID, sign, X509Certificate, type KeyObject } from 'node:crypto';

export const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
/** Lifetime of one assertion; AAD accepts at most 10 minutes. */
const LIFETIME_SECONDS = 300;

export interface CertificateCredential {
  key: KeyObject;
  /** base64url SHA-1 of the certificate DER, the JWT `x5t` header. */
  thumbprint: string;
}

/** Thrown when the stored secret is not a usable PEM key + certificate pair. Never includes the PEM. */
export class CertificateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CertificateError';
  }
}

/** Reads the PEM private key and PEM certificate stored together as the profile's secret. */
export function readCertificateCredential(pem: string): CertificateCredential {
  const certPem = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(pem)?.[0];
  const keyPem = /-----BEGIN (?:RSA )?PRIVATE KEY-----[\s\S]+?-----END (?:RSA )?PRIVATE KEY-----/.exec(pem)?.[0];
  if (!certPem || !keyPem) {
    throw new CertificateError(
      'The saved credential must contain an unencrypted PEM private key and a PEM certificate.',
    );
  }
  let cert: X509Certificate;
  let key: KeyObject;
  try {
    cert = new X509Certificate(certPem);
    key = createPrivateKey(keyPem);
  } catch {
    throw new CertificateError('The saved certificate or private key could not be read.');
  }
  if (key.asymmetricKeyType !== 'rsa') throw new CertificateError('The private key must be an RSA key.');
  if (!cert.checkPrivateKey(key)) throw new CertificateError('The private key does not belong to the certificate.');
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
