/** The app's own authenticator as a module: its contract and factory. It has no secret that settings could reroute. */
import { apptotpContract } from '../../../contract/providers/apptotp.js';
import { defineModule } from '../types.js';
import { createApptotpProvider } from './provider.js';

export const apptotpModule = defineModule({
  contract: apptotpContract,
  secretRoutingKeys: [],
  proxyUrl: () => undefined,
  create: (settings, deps) => createApptotpProvider(settings, deps),
});
