/**
 * Turns a failed token answer into the exact reason and the fix, in plain words. AAD error text is shown
 * only as its first line; it never contains the secret, and nothing here reads the request.
 */
import { singleLine } from '../../services/text.js';
import { aadErrorSchema } from './schemas.js';
import { ENTRA_CLIENT_ID, CONNECTOR_APP_ID } from './cloud.js';

export interface TokenFailure {
  code: string;
  message: string;
  fix: string | null;
  /** Technical detail (an HTTP status): shown to the administrator in Test connection, to the agent only behind "Details for IT". */
  detail?: string;
}

const CLIENT_APP = `the “Azure Multi-Factor Auth Client” enterprise application (app ID ${ENTRA_CLIENT_ID})`;
const CONNECTOR_APP = `the “Azure Multi-Factor Auth Connector” enterprise application (app ID ${CONNECTOR_APP_ID})`;

const fixes: Record<string, string> = {
  '7000215':
    'The client secret is wrong, or it was created moments ago and is not active yet: wait a minute and test again. ' +
    'Make sure you saved the secret’s Value, not its Secret ID.',
  '7000222': `The client secret has expired. Create a new secret on ${CLIENT_APP} and save its Value here.`,
  '7000112':
    `${CLIENT_APP} is disabled. In the Entra admin center open Enterprise applications → Azure Multi-Factor ` +
    'Auth Client → Properties and set “Enabled for users to sign-in?” to Yes.',
  '500014':
    `${CONNECTOR_APP} is disabled. In Enterprise applications → Azure Multi-Factor Auth Connector → Properties ` +
    'set “Enabled for users to sign-in?” to Yes. If it is enabled, check that the tenant’s subscription has not ' +
    'lapsed.',
  '700016':
    `${CLIENT_APP} does not exist in this tenant. An administrator can create it with: New-MgServicePrincipal ` +
    `-AppId ${ENTRA_CLIENT_ID} -DisplayName "Azure Multi-Factor Auth Client", then add a secret to it.`,
  '90002':
    'The tenant was not found. Check the tenant ID or domain in this profile (the Directory (tenant) ID is on the ' +
    'Entra admin center overview page) and that the cloud (public, US Government, China) is right.',
  '500011':
    `The connector resource was not found in this tenant. Check that ${CONNECTOR_APP} exists (create it with ` +
    `New-MgServicePrincipal -AppId ${CONNECTOR_APP_ID}) and that the profile’s cloud is right.`,
  '700027':
    `The certificate was not accepted. Upload the certificate (public part only) to ${CLIENT_APP}, and check ` +
    'that it has not expired and matches the private key saved here.',
  '700024': 'The certificate sign-in was outside its valid time. Check that this computer’s clock is correct.',
  '7000216': 'No credential was sent. Save a client secret or certificate for this profile.',
};

/** Maps a non-200 token answer to a failure with the AADSTS code when there is one. */
export function tokenFailureFromResponse(status: number, body: string): TokenFailure {
  const parsed = safeJson(body);
  const aad = aadErrorSchema.safeParse(parsed);
  if (!aad.success) {
    return {
      code: `http_${status}`,
      message: `The Microsoft sign-in service answered HTTP ${status} without a readable error.`,
      fix: 'Check the sign-in URL and your network or proxy, then test again.',
    };
  }
  const description = aad.data.error_description ?? '';
  const number = /AADSTS(\d{4,9})/.exec(description)?.[1] ?? aad.data.error_codes?.[0]?.toString();
  const firstLine = clean(description.split(/\r?\n/)[0] ?? '') || aad.data.error;
  if (!number) return { code: clean(aad.data.error) || `http_${status}`, message: firstLine, fix: null };
  return {
    code: `AADSTS${number}`,
    message: firstLine,
    fix: fixes[number] ?? `Look up this code at https://login.microsoftonline.com/error?code=${number}.`,
  };
}

function safeJson(body: string): unknown {
  if (body.length > 64 * 1024) return null;
  try {
    return JSON.parse(body);
  } catch {
    return null;
  }
}

function clean(text: string): string {
  return singleLine(text, 400).trim();
}
