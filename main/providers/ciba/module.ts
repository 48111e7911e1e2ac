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
  create: (settings, deps) => createCibaProvider(settings, deps),
});
