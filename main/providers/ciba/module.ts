/** The CIBA provider as a module: its contract, the settings that route its secret, and its factory. */
import { cibaContract } from '../../../contract/providers/ciba.js';
import { defineModule } from '../types.js';
import { createCibaProvider } from './provider.js';

export const cibaModule = defineModule({
  contract: cibaContract,
  /**
   * Every setting that decides where the client secret, or an assertion signed with the private key, is
   * sent (the issuer: discovery and the assertion audience; the endpoints), how and as whom the client
   * authenticates, and whose keys may sign an approval (jwksUri: pointing it elsewhere would let anyone
   * sign one). Changing any of them drops the stored secret. The proxy is not among them: calls are
   * tunnelled with CONNECT, so TLS stays end to end.
   */
  secretRoutingKeys: ['issuer', 'endpointMode', 'backchannelEndpoint', 'tokenEndpoint', 'jwksUri', 'clientAuth', 'clientId'],
  proxyUrl: (settings) => settings.proxyUrl,
  /** The issuer first (its host goes with every request), then the endpoints entered by hand. */
  endpoints: (settings) => {
    const manual = settings.endpointMode === 'manual'
      ? { backchannel: settings.backchannelEndpoint, token: settings.tokenEndpoint, jwks: settings.jwksUri }
      : {};
    return Object.fromEntries(Object.entries({ issuer: settings.issuer, ...manual }).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  },
  // Only the issuer's host: a discovery document naming another host is refused in a packaged build (server.ts).
  publishedHosts: (settings) => ({ hosts: [new URL(settings.issuer).host.toLowerCase()], owner: `the identity provider ${new URL(settings.issuer).host}` }),
  create: (settings, deps) => createCibaProvider(settings, deps),
});
