/**
 * Managed policy: which provider endpoints, proxies and CA settings a packaged build may use beyond each
 * provider's published hosts. Owned by the pinned-endpoints work (issue 13); the root is contract/policy/index.ts.
 */
import { z } from 'zod';

export const endpointPolicySchema = z.object({}).strict();
export type EndpointPolicy = z.infer<typeof endpointPolicySchema>;
