/**
 * Reading client requests: the same hardened parser as the client side, then zod. Element order is checked
 * leniently: out-of-order members are accepted but logged, because the real WCF service may drop them.
 */
import { z } from 'zod';
import { boundedArray } from '../../contract/bounds.js';
import { keyValueSchema, nilSchema, xmlText } from '../../main/providers/entra/schemas.js';
import { parseXml } from '../../main/providers/entra/xml-parse.js';

const optionalText = (max: number) => xmlText(max).optional().transform((value) => value ?? null);

const properties = z
  .union([z.literal(''), nilSchema, z.object({ KeyValueOfstringstring: boundedArray(keyValueSchema, 20) })])
  .optional()
  .transform((node) => {
    if (typeof node === 'object' && 'KeyValueOfstringstring' in node) return node.KeyValueOfstringstring;
    return [];
  });

const beginFields = z.object({
  Version: optionalText(20),
  UserPrincipalName: optionalText(400),
  AuthenticationMethodId: optionalText(100),
  AuthenticationMethodProperties: properties,
  ContextId: optionalText(100),
  SyncCall: optionalText(10),
  RequireUserMatch: optionalText(10),
  CallerName: optionalText(100),
});
const endFields = z.object({
  Version: optionalText(20),
  SessionId: optionalText(200),
  ContextId: optionalText(100),
  AdditionalAuthData: optionalText(100),
  UserPrincipalName: optionalText(400),
});
const methodsFields = z.object({
  Version: optionalText(20),
  UserPrincipalName: optionalText(400),
  ContextId: optionalText(100),
});

export type BeginFields = z.output<typeof beginFields>;
export type EndFields = z.output<typeof endFields>;
export type MethodsFields = z.output<typeof methodsFields>;

export const requestSpecs = {
  BeginTwoWayAuthentication: {
    root: 'BeginTwoWayAuthenticationRequest',
    schema: beginFields,
    // The AD FS data contract order, then the NPS-only members.
    order: [
      'Version',
      'UserPrincipalName',
      'TenantId',
      'Lcid',
      'AuthenticationMethodId',
      'AuthenticationMethodProperties',
      'AuthenticationPurpose',
      'ContextId',
      'OtpRetryCount',
      'SyncCall',
      'ReplicationScope',
      'ObjectId',
      'CompanyName',
      'RequireUserMatch',
      'CallerName',
      'CallerIP',
    ],
  },
  EndTwoWayAuthentication: {
    root: 'EndTwoWayAuthenticationRequest',
    schema: endFields,
    order: ['Version', 'SessionId', 'ContextId', 'AdditionalAuthData', 'UserPrincipalName'],
  },
  GetAvailableAuthenticationMethods: {
    root: 'GetAvailableAuthenticationMethodsRequest',
    schema: methodsFields,
    order: ['Version', 'UserPrincipalName', 'ContextId'],
  },
} as const;

export type Op = keyof typeof requestSpecs;

export type ParsedRequest<O extends Op> = { fields: z.output<(typeof requestSpecs)[O]['schema']>; outOfOrder: boolean };

/** Parses a request body for `op`; null when it is not well-formed XML with the right root. */
export function parseRequest<O extends Op>(op: O, body: string): ParsedRequest<O> | null {
  const spec = requestSpecs[op];
  let tree: Record<string, unknown>;
  try {
    tree = parseXml(body);
  } catch {
    return null;
  }
  const root = tree[spec.root];
  const members = root === '' ? {} : root;
  if (typeof members !== 'object' || members === null || Object.keys(tree).length !== 1) return null;
  const parsed = spec.schema.safeParse(members);
  if (!parsed.success) return null;
  // Keys keep document order (first occurrence), which is what the order check needs.
  const order: readonly string[] = spec.order;
  const ranks = Object.keys(members)
    .map((key) => order.indexOf(key))
    .filter((rank) => rank >= 0);
  const outOfOrder = ranks.some((rank, i) => i > 0 && rank < ranks[i - 1]!);
  return { fields: parsed.data as ParsedRequest<O>['fields'], outOfOrder };
}
