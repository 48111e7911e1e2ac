/** GetAvailableAuthenticationMethods (reference §7.5). */
import type { SimCore } from './core.js';
import { lookupUser, methodProperties, versionOk } from './directory.js';
import type { OpAnswer } from './op-answer.js';
import type { MethodsFields } from './request.js';
import { methodsXml } from './xml-out.js';

/** Lists the user's registered methods; exactly one is the default. */
export function handleMethods(core: SimCore, f: MethodsFields): OpAnswer {
  core.counts.methodLookups += 1;
  const answer = (value: string, message: string | null, xml: string): OpAnswer => ({
    xml,
    outcome: value,
    upn: f.UserPrincipalName,
    contextId: f.ContextId,
    callerName: null,
    method: null,
  });
  const now = core.now();
  if (!versionOk(f.Version)) {
    const message = 'The requested version is not supported.';
    return answer('VersionNotSupported', message, methodsXml('VersionNotSupported', message, [], null, now));
  }
  const found = lookupUser(core, f.UserPrincipalName);
  if (!found.ok) return answer(found.value, found.message, methodsXml(found.value, found.message, [], null, now));
  const mask = core.options.maskPhones;
  const methods = found.user.methods.map((m) => ({
    id: m.id,
    isDefault: m.isDefault,
    properties: methodProperties(m, mask),
  }));
  return answer('Success', null, methodsXml('Success', null, methods, found.user.upn, now));
}
