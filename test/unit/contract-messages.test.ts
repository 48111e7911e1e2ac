/**
 * Every message a contract schema can produce is written for people: a fragment that follows the field's
 * label ("must be …", "is required"), never zod's own wording ("Too small: expected number to be >=1000").
 * Forms show these under their field, so each one is tried with wrong values of every kind.
 */
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { channels } from '../../contract/ipc.js';
import { limitsPolicySchema } from '../../contract/policy/limits.js';
import { providersPolicySchema } from '../../contract/policy/providers.js';
import { privilegedPolicySchema, verificationPolicySchema } from '../../contract/policy/verification.js';
import { profileInputSchema, providerContracts } from '../../contract/providers/index.js';

/** zod's default messages start like this; ours start with "is", "must", "may". */
const ZOD_WORDING = /^(Invalid|Too (small|big)|Expected|Unrecognized|Required)|expected (string|number|object)/;
const FRAGMENT = /^(is|must|may) /;

const wrongValues: unknown[] = [undefined, null, 7, -1, 1.5, 1e12, '', '   ', 'x', 'not a valid value!', 'x'.repeat(20_000), {}, [], true];

function messagesOf(schema: z.ZodType): string[] {
  return wrongValues.flatMap((value) => {
    const parsed = schema.safeParse(value);
    return parsed.success ? [] : parsed.error.issues.map((issue) => issue.message);
  });
}

type Shaped = { shape: Record<string, z.ZodType> };

describe('contract messages', () => {
  it.each(providerContracts.map((c) => [c.kind, c] as const))('every settings field of %s explains itself in plain words', (_kind, contract) => {
    const shape = (contract.settingsSchema as unknown as Shaped).shape;
    for (const [key, schema] of Object.entries(shape)) {
      for (const message of messagesOf(schema)) {
        expect(message, key).not.toMatch(ZOD_WORDING);
        expect(message, key).toMatch(FRAGMENT);
      }
    }
  });

  it('the fields every profile and form has explain themselves too', () => {
    const profile = (profileInputSchema.options[0] as unknown as Shaped).shape;
    const start = (channels['verify:start'].input as unknown as Shaped).shape;
    const secret = (channels['profiles:setSecret'].input as unknown as Shaped).shape;
    const code = (channels['verify:submitCode'].input as unknown as Shaped).shape;
    const fields = { displayName: profile.displayName!, ...start, secret: secret.secret!, code: code.code! };
    for (const [key, schema] of Object.entries(fields)) {
      for (const message of messagesOf(schema)) {
        expect(message, key).not.toMatch(ZOD_WORDING);
        expect(message, key).toMatch(FRAGMENT);
      }
    }
  });

  it('every managed-policy setting explains itself in plain words (the startup error quotes them)', () => {
    const sections = [verificationPolicySchema, privilegedPolicySchema, limitsPolicySchema, providersPolicySchema];
    for (const section of sections) {
      for (const [key, schema] of Object.entries((section as unknown as Shaped).shape)) {
        for (const message of messagesOf(schema)) {
          expect(message, key).not.toMatch(ZOD_WORDING);
          expect(message, key).toMatch(/^(is|must|may|has) /);
        }
      }
    }
  });

  it('a blank secret is refused, not stored as "set"', () => {
    const secret = channels['profiles:setSecret'].input;
    expect(secret.safeParse({ id: '0f8fad5b-d9cb-469f-a165-70867728950e', secret: '   ' }).success).toBe(false);
    expect(secret.safeParse({ id: '0f8fad5b-d9cb-469f-a165-70867728950e', secret: '\n\t' }).success).toBe(false);
  });
});
