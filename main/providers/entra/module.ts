/** Microsoft Entra ID as a provider module: its contract, secret routing and factory. */
import { entraContract } from '../../../contract/providers/entra.js';
import { defineModule } from '../types.js';
import { checkEntraSettings, prepareEntraSecret } from './credential.js';
import { publishedHosts, resolveEndpoints } from './cloud.js';
import { createEntraProvider } from './provider.js';

export const entraModule = defineModule({
  contract: entraContract,
  secretRoutingKeys: ['tenant', 'cloud', 'connectorHost', 'tokenVersion', 'credential', 'loginBaseUrl', 'connectorBaseUrl'],
  prepareSecret: (settings, raw) => prepareEntraSecret(settings, raw),
  checkSettings: (settings) => checkEntraSettings(settings),
  proxyUrl: (settings) => settings.proxyUrl,
  endpoints: (settings) => {
    const resolved = resolveEndpoints(settings);
    return { connector: resolved.connectorBase, token: resolved.tokenUrl };
  },
  // The AffinityUrl of a Begin answer may name either connector host of the cloud: both are published.
  publishedHosts: (settings) => publishedHosts(settings.cloud),
  create: (settings, deps) => createEntraProvider(settings, deps),
});
