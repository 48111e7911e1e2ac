/**
 * Managed policy: which provider endpoints and proxies a packaged build may use beyond each provider's
 * published hosts. No profile can carry its own CA certificate (provider TLS trusts the built-in roots only),
 * so there is no CA allowance. Owned by the pinned-endpoints work (issue 13); the root is contract/policy/index.ts.
 */
import { z } from 'zod';
import { boundedArray, boundedString } from '../bounds.js';

/**
 * A host as URLs carry it: a DNS name (optionally `*.` for any name below it), an IPv4 address or a bracketed
 * IPv6 address, with an optional port. Labels are dot-separated, so the pattern cannot backtrack.
 */
const hostPattern = /^(?:(?:\*\.)?(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?|\[[0-9a-f:.]{2,45}\])(?::[0-9]{1,5})?$/;

export const allowedHostSchema = boundedString(260)
  .trim()
  .toLowerCase()
  .regex(hostPattern, 'must be a host such as idp.example.com, *.example.com or 10.0.0.5:8443');

export const endpointPolicySchema = z
  .object({
    /** Hosts any profile may call besides its provider's published ones (exact, or `*.` for the names below). */
    allowedHosts: boundedArray(allowedHostSchema, 200).optional(),
    /** Profiles may name a proxy reached over plain http:// (the provider TLS still runs inside the tunnel). */
    allowPlainHttpProxy: z.boolean('must be true or false').optional(),
  })
  .strict();
export type EndpointPolicy = z.infer<typeof endpointPolicySchema>;
