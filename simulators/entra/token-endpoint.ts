/**
 * Simulated AAD token endpoint (reference §7.1): POST /{tenant}/oauth2/token (v1) and
 * /{tenant}/oauth2/v2.0/token (v2), client-credentials only, for the MFA client app.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ENTRA_CLIENT_ID } from '../../main/providers/entra/cloud.js';
import { sendAadError } from './aad-error.js';
import { checkAssertion, type AssertionProblem } from './assertion-check.js';
import type { SimCore } from './core.js';
import { JSON_TYPE, readBody, send } from './http-io.js';

export const TOKEN_PATH = /^\/([^/]{1,256})\/oauth2\/(v2\.0\/)?token$/;
const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const MISSING = (name: string): string => `The request body must contain the following parameter: '${name}'.`;

type Fail = (status: number, error: string, code: number, text: string) => void;

/** Handles one token request; `tenant` and `v2` come from the matched path. */
export async function handleToken(
  core: SimCore,
  req: IncomingMessage,
  res: ServerResponse,
  tenant: string,
  v2: boolean,
): Promise<void> {
  core.counts.tokenRequests += 1;
  const o = core.options;
  const fail: Fail = (status, error, code, text) => sendAadError(res, status, error, code, text, core.now());
  await core.delay(o.latencyMs);
  if (req.method !== 'POST') return fail(405, 'invalid_request', 900561, 'The endpoint only accepts POST requests.');
  const tenantName = safeDecode(tenant).toLowerCase();
  if (tenantName !== o.tenantId.toLowerCase() && tenantName !== o.tenantDomain) {
    const text =
      `Tenant '${tenantName.slice(0, 100)}' not found. ` +
      'Check to make sure you have the correct tenant ID and are signing into the correct cloud.';
    return fail(400, 'invalid_request', 90002, text);
  }
  if (!/^application\/x-www-form-urlencoded\b/i.test(req.headers['content-type'] ?? '')) {
    return fail(400, 'invalid_request', 900144, MISSING('grant_type'));
  }
  const body = await readBody(req, 16 * 1024);
  if (body === null) return fail(400, 'invalid_request', 90014, 'The request body is too large.');
  const form = new URLSearchParams(body);
  if (form.get('grant_type') !== 'client_credentials') {
    return fail(400, 'unsupported_grant_type', 70003, 'The app requested an unsupported grant type.');
  }
  const clientId = form.get('client_id') ?? '';
  if (!clientId) return fail(400, 'invalid_request', 900144, MISSING('client_id'));
  if (clientId !== ENTRA_CLIENT_ID || o.clientSp === 'missing') {
    const app = clientId.slice(0, 64);
    const text = `Application with identifier '${app}' was not found in the directory '${o.tenantDomain}'.`;
    return fail(400, 'unauthorized_client', 700016, text);
  }
  if (o.clientSp === 'disabled') {
    const text = `Application '${ENTRA_CLIENT_ID}'(Azure Multi-Factor Auth Client) is disabled.`;
    return fail(400, 'unauthorized_client', 7000112, text);
  }
  const credentialProblem = checkCredential(core, form, `${core.baseUrl}/${tenant}/oauth2/${v2 ? 'v2.0/' : ''}token`);
  if (credentialProblem) return fail(401, 'invalid_client', credentialProblem.code, credentialProblem.description);
  const audience = v2 ? form.get('scope') : form.get('resource');
  if (audience !== (v2 ? `${o.resource}/.default` : o.resource)) {
    const named = (audience ?? '').slice(0, 200);
    const text = `The resource principal named ${named} was not found in the tenant named ${o.tenantDomain}.`;
    return fail(400, v2 ? 'invalid_scope' : 'invalid_resource', 500011, text);
  }
  if (!o.connectorSpEnabled) {
    const text =
      `The service principal for resource '${o.resource}' is disabled. This indicate that a subscription within the ` +
      'tenant has lapsed, or that the administrator for this tenant has disabled the application, preventing tokens ' +
      'from being issued for it.';
    return fail(400, 'invalid_request', 500014, text);
  }
  send(res, 200, JSON_TYPE, JSON.stringify(tokenAnswer(core, v2)));
}

function tokenAnswer(core: SimCore, v2: boolean): Record<string, string | number> {
  const { resource, tenantId, tokenLifetimeSec: lifetime } = core.options;
  const now = core.now();
  const token = core.issuer.issue({ aud: resource, tid: tenantId, appid: ENTRA_CLIENT_ID }, lifetime, now);
  if (v2) return { token_type: 'Bearer', expires_in: lifetime, ext_expires_in: lifetime, access_token: token };
  const epoch = Math.floor(now / 1000);
  // v1 sends every number as a string.
  return {
    token_type: 'Bearer',
    expires_in: String(lifetime),
    ext_expires_in: String(lifetime),
    expires_on: String(epoch + lifetime),
    not_before: String(epoch),
    resource,
    access_token: token,
  };
}

function checkCredential(core: SimCore, form: URLSearchParams, tokenUrl: string): AssertionProblem | null {
  const assertion = form.get('client_assertion');
  if (assertion !== null) {
    if (form.get('client_assertion_type') !== ASSERTION_TYPE) {
      return { code: 50027, description: 'The client_assertion_type is not supported.' };
    }
    return checkAssertion(assertion, core.certificates, tokenUrl, core.now());
  }
  const secret = form.get('client_secret');
  if (secret === null) {
    const description =
      "'client_assertion', 'client_secret' or 'request' is required for the 'client_credentials' grant type.";
    return { code: 7000216, description };
  }
  if (!core.secretIsActive(secret)) {
    const description =
      'Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, ' +
      `not the client secret ID, for a secret added to app '${ENTRA_CLIENT_ID}'.`;
    return { code: 7000215, description };
  }
  return null;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
