/** The app's own authenticator as a module: its contract and factory. It has no secret that settings could reroute. */
import { authenticatorContract } from '../../../contract/providers/authenticator.js';
import { defineModule } from '../types.js';
import { createAuthenticatorProvider } from './provider.js';

export const authenticatorModule = defineModule({
  contract: authenticatorContract,
  secretRoutingKeys: [],
  proxyUrl: () => undefined,
  create: (settings, deps) => createAuthenticatorProvider(settings, deps),
});
