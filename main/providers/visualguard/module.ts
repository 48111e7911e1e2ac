/** The VisualGuard provider as a module: its contract, the settings that route its secret, and its factory. */
import { visualguardContract } from '../../../contract/providers/visualguard.js';
import { defineModule } from '../types.js';
import { createVisualguardProvider } from './provider.js';

export const visualguardModule = defineModule({
  contract: visualguardContract,
  /**
   * Where the client secret is posted (server, routes, token path) and as whom (client id): changing any of
   * them drops the stored secret. The QR and validation paths carry a bearer token when VisualGuard issues
   * one, so they count too. The proxy does not: calls are tunnelled with CONNECT, TLS stays end to end.
   */
  secretRoutingKeys: ['serverUrl', 'clientId', 'routes', 'tokenPath', 'qrImagePath', 'qrBytesPath', 'validatePath'],
  proxyUrl: (settings) => settings.proxyUrl,
  /**
   * The IdentityServer. It is the organisation's own server, so there is no published host to pin it to: in a
   * packaged build the managed policy must allow its host (endpoints.allowedHosts).
   */
  endpoints: (settings) => ({ server: settings.serverUrl }),
  create: (settings, deps) => createVisualguardProvider(settings, deps),
});
