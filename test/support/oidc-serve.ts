/**
 * The test OpenID provider as a process of its own, for end-to-end tests that drive a browser against it.
 * Prints `OIDC_READY {"issuer":…}` once it listens on 127.0.0.1; stops on SIGTERM.
 */
import { startOidcServer } from './oidc-server.js';

async function main(): Promise<void> {
  const server = await startOidcServer();
  process.stdout.write(`OIDC_READY ${JSON.stringify({ issuer: server.issuer, clientId: server.signIn.clientId, redirectPath: server.signIn.redirectPath })}\n`);
  process.once('SIGTERM', () => void server.close().then(() => process.exit(0)));
}

main().catch((error: unknown) => {
  process.stderr.write(`test OpenID provider failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
