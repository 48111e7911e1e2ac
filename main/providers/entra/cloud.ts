/**
 * Where the Entra connector and its token endpoint live, per cloud, with the sandbox/proxy overrides applied.
 */
import type { EntraSettings } from '../../../contract/providers/entra.js';

/** First-party "Azure Multi-Factor Auth Client" app: the identity that calls the connector. */
export const ENTRA_CLIENT_ID = '981f26a1-7f43-403b-a875-f8b09b8cd720';
/** "Azure Multi-Factor Auth Connector" resource app. */
export const CONNECTOR_APP_ID = '1f5530b3-261a-47a9-b357-ded261e17918';
export const CONNECTOR_PATH = '/StrongAuthenticationService.svc/Connector';

export type ConnectorOp =
  | 'BeginTwoWayAuthentication'
  | 'EndTwoWayAuthentication'
  | 'GetAvailableAuthenticationMethods';

interface CloudHosts {
  sts: string;
  strongauth: string;
  adnotifications: string;
}

const clouds: Record<EntraSettings['cloud'], CloudHosts> = {
  public: {
    sts: 'https://login.microsoftonline.com',
    strongauth: 'https://strongauthenticationservice.auth.microsoft.com',
    adnotifications: 'https://adnotifications.windowsazure.com',
  },
  usgov: {
    sts: 'https://login.microsoftonline.us',
    strongauth: 'https://strongauthenticationservice.auth.microsoft.us',
    adnotifications: 'https://adnotifications.windowsazure.us',
  },
  china: {
    sts: 'https://login.chinacloudapi.cn',
    strongauth: 'https://strongauthenticationservice.auth.microsoft.cn',
    adnotifications: 'https://adnotifications.windowsazure.cn',
  },
};

export interface EntraEndpoints {
  tokenUrl: string;
  /** Token audience: always the adnotifications host of the cloud, whichever host the calls go to. */
  resource: string;
  /** `…/Connector`, no trailing slash. */
  connectorBase: string;
  /**
   * Connector bases an AffinityUrl may name: the cloud's published connector hosts (a Begin sent to one host
   * may be answered with the other's datacenter), or only the configured base when the profile overrides it.
   */
  affinityBases: readonly string[];
  opUrl(op: ConnectorOp): string;
}

const cloudNames: Record<EntraSettings['cloud'], string> = { public: 'Public', usgov: 'US Government', china: 'China' };

/** The hosts Microsoft publishes for a cloud: its sign-in host and both connector hosts. */
export function publishedHosts(cloud: EntraSettings['cloud']): { hosts: string[]; owner: string } {
  const hosts = clouds[cloud];
  return { hosts: [hosts.sts, hosts.strongauth, hosts.adnotifications].map((url) => new URL(url).host), owner: `Microsoft Entra ID (${cloudNames[cloud]} cloud)` };
}

/** The connector resource URI (token audience) of a cloud. */
export function connectorResource(cloud: EntraSettings['cloud'] = 'public'): string {
  return clouds[cloud].adnotifications + CONNECTOR_PATH;
}

/** Resolves every URL the provider calls from the profile settings. */
export function resolveEndpoints(settings: EntraSettings): EntraEndpoints {
  const hosts = clouds[settings.cloud];
  const login = trimSlashes(settings.loginBaseUrl ?? hosts.sts);
  const tenant = encodeURIComponent(settings.tenant.trim());
  const tokenPath = settings.tokenVersion === 'v1' ? 'oauth2/token' : 'oauth2/v2.0/token';
  const connectorOrigin = trimSlashes(settings.connectorBaseUrl ?? hosts[settings.connectorHost]);
  const connectorBase = connectorOrigin.endsWith(CONNECTOR_PATH) ? connectorOrigin : connectorOrigin + CONNECTOR_PATH;
  const published = [hosts.strongauth, hosts.adnotifications].map((host) => host + CONNECTOR_PATH);
  return {
    tokenUrl: `${login}/${tenant}/${tokenPath}`,
    resource: connectorResource(settings.cloud),
    connectorBase,
    affinityBases: settings.connectorBaseUrl ? [connectorBase] : published,
    opUrl: (op) => `${connectorBase}/${op}`,
  };
}

function trimSlashes(url: string): string {
  return url.trim().replace(/\/+$/, '');
}
