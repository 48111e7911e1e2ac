/**
 * A simulated tenant's ID token signing keys (RS256, like Auth0's default), built with node:crypto only, so the
 * simulators do not share code with the library the app verifies with.
 */
import { generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';

interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  jwk: Record<string, unknown>;
}

function newKey(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = randomBytes(12).toString('base64url');
  return { kid, privateKey, jwk: { ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' } };
}

const encode = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');

export class TenantKeys {
  private keys: SigningKey[] = [newKey()];

  /** The published key set (current key first, then the previous one). */
  jwks(): { keys: Record<string, unknown>[] } {
    return { keys: this.keys.map((key) => key.jwk) };
  }

  /** Starts signing with a new key; the old one stays published. */
  rotate(): void {
    this.keys = [newKey(), ...this.keys].slice(0, 2);
  }

  /** An RS256 JWT over `payload` with the current key; `tamper` flips a bit of the signature. */
  sign(payload: Record<string, unknown>, tamper = false): string {
    const key = this.keys[0]!;
    const input = `${encode({ alg: 'RS256', typ: 'JWT', kid: key.kid })}.${encode(payload)}`;
    const signature = sign('sha256', Buffer.from(input), key.privateKey);
    if (tamper) signature[signature.length - 1]! ^= 0x01;
    return `${input}.${signature.toString('base64url')}`;
  }
}
