/**
 * Every string and array in every schema that reads outside input (IPC payloads, provider settings, provider
 * answers) has a size limit that runs first and stops zod there: no pattern or refinement ever sees more.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { boundedArray, boundedString } from '../../../contract/bounds.js';
import { channelNames, channels } from '../../../contract/ipc.js';
import { providerContracts } from '../../../contract/providers/index.js';
import {
  aadErrorSchema,
  beginResponseSchema,
  endResponseSchema,
  methodsResponseSchema,
  tokenResponseSchema,
} from '../../../main/providers/entra/schemas.js';
import { tokenAnswerSchema, validateAnswerSchema } from '../../../main/providers/visualguard/schemas.js';
import { unboundedParts } from '../../helpers/zod-walk.js';

describe('size limits come first in every schema', () => {
  it.each(channelNames)('IPC channel %s', (channel) => {
    expect(unboundedParts(channels[channel].input)).toEqual([]);
  });

  it.each(providerContracts.map((c) => [c.kind, c] as const))('provider settings of %s', (_kind, contract) => {
    expect(unboundedParts(contract.settingsSchema)).toEqual([]);
  });

  it('Entra connector and token answers', () => {
    for (const schema of [beginResponseSchema, endResponseSchema, methodsResponseSchema, tokenResponseSchema, aadErrorSchema]) {
      expect(unboundedParts(schema as z.ZodType)).toEqual([]);
    }
  });

  it('VisualGuard sign-in and validation answers', () => {
    for (const schema of [tokenAnswerSchema, validateAnswerSchema]) expect(unboundedParts(schema as z.ZodType)).toEqual([]);
  });

  it('the walker itself notices an unbounded string or array', () => {
    const loose = z.object({ name: z.string().max(10), list: z.array(boundedString(5)).max(3) });
    expect(unboundedParts(loose)).toEqual(['(root).name', '(root).list']);
  });
});

describe('zod stops at the size limit', () => {
  it('never runs a pattern or refinement on a string over the limit', () => {
    let looked = 0;
    const schema = boundedString(256)
      .regex(/^(a+)+$/)
      .refine(() => {
        looked += 1;
        return true;
      });
    const result = schema.safeParse('a'.repeat(1024 * 1024) + '!');
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.code)).toEqual(['too_big']);
    expect(looked).toBe(0);
  });

  it('parses no item of an array over the limit', () => {
    let parsed = 0;
    const schema = boundedArray(
      z.string().transform((value) => {
        parsed += 1;
        return value;
      }),
      3,
    );
    expect(schema.safeParse(Array.from({ length: 100_000 }, () => 'x')).success).toBe(false);
    expect(parsed).toBe(0);
    expect(schema.safeParse(['a', 'b']).success).toBe(true);
    expect(parsed).toBe(2);
  });
});
