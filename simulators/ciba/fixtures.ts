/** The users of the simulated Auth0 tenant. Addresses use the reserved example.com domain. */
import type { SandboxUserView } from '../../contract/domain.js';
import type { CibaSimUser } from './options.js';

export function defaultUsers(): CibaSimUser[] {
  return [
    { sub: 'auth0|65f1a2b3c4d5e6f7a8b9c0d1', email: 'alice@example.com', description: 'Guardian push enrolled.', pushDevice: true },
    { sub: 'auth0|65f1a2b3c4d5e6f7a8b9c0d2', email: 'bob@example.com', description: 'Guardian push enrolled.', pushDevice: true },
    { sub: 'google-oauth2|104857600000000000001', email: 'carol@example.com', description: 'Signs in with Google; Guardian push enrolled.', pushDevice: true },
    { sub: 'auth0|65f1a2b3c4d5e6f7a8b9c0d4', email: 'dave@example.com', description: 'No push device enrolled (the request is refused).', pushDevice: false },
  ];
}

/** Extra ids listed for the sandbox panel: they exist only to show the error answers. */
export function exampleUsers(): SandboxUserView[] {
  return [{ subject: 'auth0|000000000000000000000000', description: 'Not in the tenant (the request is refused).' }];
}
