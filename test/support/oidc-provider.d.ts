/**
 * The few parts of oidc-provider 9 (ESM, untyped) the test harness uses. Not a full typing: only what
 * test/support/oidc-server.ts calls.
 */
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  export interface BackchannelAuthenticationRequestLike {
    accountId: string;
    clientId: string;
    scope: string;
    params: Record<string, unknown>;
  }

  export interface GrantLike {
    addOIDCScope(scope: string): void;
    save(): Promise<string>;
  }

  export class OIDCProviderError extends Error {
    error: string;
    error_description?: string;
  }

  export const errors: {
    AccessDenied: new (description?: string) => OIDCProviderError;
    ExpiredToken: new (description?: string) => OIDCProviderError;
    UnknownUserId: new (description?: string) => OIDCProviderError;
    InvalidBindingMessage: new (description?: string) => OIDCProviderError;
  };

  export default class Provider {
    constructor(issuer: string, configuration: Record<string, unknown>);
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    Grant: new (properties: { accountId: string; clientId: string }) => GrantLike;
    backchannelResult(request: BackchannelAuthenticationRequestLike, result: GrantLike | OIDCProviderError): Promise<void>;
    on(event: string, listener: (...args: unknown[]) => void): void;
  }
}
