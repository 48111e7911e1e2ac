/**
 * zod schemas for parsed connector and token responses. Parsed trees are validated here and turned into
 * small typed records; nothing downstream touches the raw tree.
 */
import { z } from 'zod';
import { boundedArray, boundedString } from '../../../contract/bounds.js';
import { unescapeXml } from './xml-parse.js';

/** Element text, or null for i:nil. Elements with child elements are rejected (strict object). */
export function xmlText(max: number) {
  return z
    .union([
      boundedString(max),
      z.strictObject({ '@_nil': boundedString(10).optional(), '#text': boundedString(max).optional() }),
    ])
    .transform((node) => {
      if (typeof node === 'string') return unescapeXml(node);
      return node['@_nil'] === 'true' ? null : unescapeXml(node['#text'] ?? '');
    });
}

/** A Result/Value-style code: a bare identifier, never free text. */
export const codeSchema = boundedString(100).regex(/^[A-Za-z0-9_.]{1,100}$/);

const result = z.object({ Value: codeSchema, Message: xmlText(2000).optional() });

export const beginResponseSchema = z
  .object({
    BeginTwoWayAuthenticationResponse: z.object({
      Result: result,
      SessionId: xmlText(200).optional(),
      AuthenticationResult: xmlText(50).optional(),
      UserPrincipalName: xmlText(400).optional(),
      AffinityUrl: xmlText(2000).optional(),
    }),
  })
  .transform(({ BeginTwoWayAuthenticationResponse: r }) => ({
    value: r.Result.Value,
    message: r.Result.Message ?? null,
    sessionId: r.SessionId || null,
    authResult: r.AuthenticationResult ?? null,
    upn: r.UserPrincipalName ?? null,
    affinityUrl: r.AffinityUrl || null,
  }));
export type BeginResponse = z.output<typeof beginResponseSchema>;

export const endResponseSchema = z
  .object({
    EndTwoWayAuthenticationResponse: z.object({
      Result: result,
      AuthenticationResult: xmlText(50).optional(),
      UserPrincipalName: xmlText(400).optional(),
    }),
  })
  .transform(({ EndTwoWayAuthenticationResponse: r }) => ({
    value: r.Result.Value,
    message: r.Result.Message ?? null,
    authResult: r.AuthenticationResult ?? null,
    upn: r.UserPrincipalName ?? null,
  }));
export type EndResponse = z.output<typeof endResponseSchema>;

export const nilSchema = z.strictObject({ '@_nil': z.literal('true') });
export const keyValueSchema = z.object({ Key: xmlText(100), Value: xmlText(500) });
const method = z.object({
  Id: codeSchema,
  IsDefault: xmlText(10).optional(),
  Properties: z
    .union([z.literal(''), nilSchema, z.object({ KeyValueOfstringstring: boundedArray(keyValueSchema, 50) })])
    .optional(),
});

export const methodsResponseSchema = z
  .object({
    GetAvailableAuthenticationMethodsResponse: z.object({
      Result: result,
      AuthenticationMethods: z
        .union([z.literal(''), nilSchema, z.object({ AuthenticationMethod: boundedArray(method, 50) })])
        .optional(),
      UserPrincipalName: xmlText(400).optional(),
    }),
  })
  .transform(({ GetAvailableAuthenticationMethodsResponse: r }) => ({
    value: r.Result.Value,
    message: r.Result.Message ?? null,
    upn: r.UserPrincipalName ?? null,
    methods: (typeof r.AuthenticationMethods === 'object' && 'AuthenticationMethod' in r.AuthenticationMethods
      ? r.AuthenticationMethods.AuthenticationMethod
      : []
    ).map((m) => ({
      id: m.Id,
      isDefault: m.IsDefault === 'true',
      properties:
        typeof m.Properties === 'object' && 'KeyValueOfstringstring' in m.Properties
          ? m.Properties.KeyValueOfstringstring.map((kv) => [kv.Key ?? '', kv.Value ?? ''] as const)
          : [],
    })),
  }));
export type MethodsResponse = z.output<typeof methodsResponseSchema>;
export type ConnectorMethod = MethodsResponse['methods'][number];

/** Successful token answer; v1 sends expires_in as a string, v2 as a number. */
export const tokenResponseSchema = z.object({
  access_token: boundedString(16_384).min(1),
  token_type: boundedString(20).optional(),
  expires_in: z.union([z.number().int().nonnegative(), boundedString(9).regex(/^\d{1,9}$/).transform(Number)]),
});

/** The AAD JSON error shape. */
export const aadErrorSchema = z.object({
  error: boundedString(200),
  error_description: boundedString(8000).optional(),
  error_codes: boundedArray(z.number().int(), 20).optional(),
});
export type AadError = z.output<typeof aadErrorSchema>;
