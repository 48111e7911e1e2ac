/**
 * A real OpenID provider for the CIBA and operator sign-in tests: oidc-provider on 127.0.0.1 with CIBA in poll
 * mode and a test phone that approves, denies, expires or ignores requests; and a native public client for the
 * operator's sign-in (authorization code with PKCE, loopback redirect, a groups claim), with oidc-provider's
 * own development login and consent pages. A small front on the issuer's port counts requests and can alter
 * the next token answer (re-signed with the provider's own key where the test needs a valid signature over
 * wrong claims) or answer slow_down itself, which oidc-provider never does for CIBA.
 */
import { generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { errors, type BackchannelAuthenticationRequestLike, type GrantLike } from 'oidc-provider';

export type PhoneMode = 'approve' | 'deny' | 'expire' | 'ignore';

export interface Rung {
  request: BackchannelAuthenticationRequestLike;
  accountId: string;
  bindingMessage: string | null;
}

/** The phone every test account carries. Acts on each new request according to `mode`. */
export class TestPhone {
  mode: PhoneMode = 'ignore';
  readonly rung: Rung[] = [];
  constructor(private readonly provider: Provider) {}

  ring(request: BackchannelAuthenticationRequestLike): void {
    const binding = request.params.binding_message;
    const entry: Rung = { request, accountId: request.accountId, bindingMessage: typeof binding === 'string' ? binding : null };
    this.rung.push(entry);
    const mode = this.mode;
    // After the backchannel answer has gone out, as a real phone would answer later.
    setTimeout(() => void this.act(entry, mode).catch(() => undefined), 0);
  }

  async act(entry: Rung, mode: PhoneMode): Promise<void> {
    if (mode === 'ignore') return;
    if (mode === 'deny') return this.provider.backchannelResult(entry.request, new errors.AccessDenied('the end-user denied the request'));
    if (mode === 'expire') return this.provider.backchannelResult(entry.request, new errors.ExpiredToken('the request expired on the device'));
    const grant: GrantLike = new this.provider.Grant({ accountId: entry.request.accountId, clientId: entry.request.clientId });
    grant.addOIDCScope(entry.request.scope);
    await grant.save();
    await this.provider.backchannelResult(entry.request, grant);
  }
}

/** Test accounts; the groups claim is what operator sign-in maps to roles. */
export const ACCOUNTS: Record<string, { email: string; groups: string[] }> = {
  'user-alice': { email: 'alice@example.com', groups: ['helpdesk-agents'] },
  'user-bob': { email: 'bob@example.com', groups: ['security-auditors'] },
  'user-carol': { email: 'carol@example.com', groups: ['mfa-admins', 'helpdesk-agents'] },
  'user-dave': { email: 'dave@example.com', groups: ['sales'] },
};

/** The operator sign-in client: a native app, public (no secret), loopback redirect on any port. */
export const SIGN_IN_CLIENT = { clientId: 'mfa-approver-desktop', redirectPath: '/callback' } as const;

/** Alters a token answer body; return the new body. */
export type TokenTamper = (body: Record<string, unknown>, resign: (claims: Record<string, unknown>) => string) => Record<string, unknown>;

export interface FrontCounts {
  discovery: number;
  jwks: number;
  backchannel: number;
  token: number;
  authorize: number;
}

export interface OidcServer {
  /** Issuer without a final slash, as oidc-provider writes it. */
  issuer: string;
  basic: { clientId: string; secret: string };
  jwt: { clientId: string; privatePem: string; keyId: string };
  /** The operator sign-in client (see SIGN_IN_CLIENT). */
  signIn: typeof SIGN_IN_CLIENT;
  phone: TestPhone;
  counts(): FrontCounts;
  /** Alters the next 200 token answer. */
  tamperNextToken(tamper: TokenTamper): void;
  /** Answers authorization_pending in place of the next 200 token answer (a lost answer: the grant is used). */
  hideNextSuccess(): void;
  /** Binding messages the provider accepts (default: oidc-provider's own rule). */
  bindingRule: RegExp;
  /** Disarms what the calls above and slowDownNext armed, and restores the binding rule. */
  reset(): void;
  /** Answers the next `count` token requests with slow_down (Retry-After `retryAfterS` when given). */
  slowDownNext(count: number, retryAfterS?: number): void;
  close(): Promise<void>;
}

const base64url = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');

export async function startOidcServer(): Promise<OidcServer> {
  const front = http.createServer();
  await listen(front);
  const issuer = `http://127.0.0.1:${(front.address() as AddressInfo).port}`;
  const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const signingKid = randomBytes(8).toString('hex');
  const clientKey = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const clientKid = 'client-key-1';
  const basic = { clientId: 'ciba-basic', secret: randomBytes(24).toString('base64url') };
  const common = { grant_types: ['urn:openid:params:grant-type:ciba'], response_types: [], redirect_uris: [], backchannel_token_delivery_mode: 'poll' };
  let phone: TestPhone | null = null;
  const defaultRule = /^[a-zA-Z0-9-._+/!?#]{1,20}$/;
  const state = { bindingRule: defaultRule };
  const ttl = (seconds: number) => () => seconds;
  const provider = new Provider(issuer, {
    clients: [
      { ...common, client_id: basic.clientId, client_secret: basic.secret, token_endpoint_auth_method: 'client_secret_basic' },
      {
        ...common,
        client_id: 'ciba-jwt',
        token_endpoint_auth_method: 'private_key_jwt',
        jwks: { keys: [{ ...clientKey.publicKey.export({ format: 'jwk' }), kid: clientKid, alg: 'RS256', use: 'sig' }] },
      },
      {
        client_id: SIGN_IN_CLIENT.clientId,
        application_type: 'native',
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code'],
        response_types: ['code'],
        redirect_uris: [`http://127.0.0.1${SIGN_IN_CLIENT.redirectPath}`],
      },
    ],
    jwks: { keys: [{ ...signingKey.export({ format: 'jwk' }), kid: signingKid, alg: 'RS256', use: 'sig' }] },
    cookies: { keys: [randomBytes(16).toString('hex')] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['preferred_username'], groups: ['groups'] },
    scopes: ['openid', 'email', 'profile', 'groups'],
    // PKCE for every authorization code request (oidc-provider's default for public clients, stated here).
    pkce: { required: () => true },
    // Scope claims in the ID token itself (the app checks the email claim there).
    conformIdTokenClaims: false,
    ttl: {
      BackchannelAuthenticationRequest: (ctx: { oidc?: { params?: { requested_expiry?: unknown } } }) =>
        Math.min(600, Number(ctx.oidc?.params?.requested_expiry ?? 600) || 600),
      Grant: ttl(600),
      AccessToken: ttl(600),
      IdToken: ttl(600),
      Interaction: ttl(600),
      Session: ttl(600),
    },
    findAccount: (_ctx: unknown, id: string) =>
      ACCOUNTS[id]
        ? { accountId: id, claims: () => ({ sub: id, email: ACCOUNTS[id]!.email, email_verified: true, preferred_username: ACCOUNTS[id]!.email, groups: ACCOUNTS[id]!.groups }) }
        : undefined,
    features: {
      // oidc-provider's own login and consent pages: any listed account id signs in (the password is ignored).
      devInteractions: { enabled: true },
      ciba: {
        enabled: true,
        deliveryModes: ['poll'],
        processLoginHint: (_ctx: unknown, hint: string) =>
          hint.includes('@') ? Object.keys(ACCOUNTS).find((id) => ACCOUNTS[id]!.email === hint.toLowerCase()) : ACCOUNTS[hint] ? hint : undefined,
        validateRequestContext: () => undefined,
        validateBindingMessage: (_ctx: unknown, message: unknown) => {
          if (message !== undefined && !(typeof message === 'string' && state.bindingRule.test(message))) {
            throw new errors.InvalidBindingMessage('the binding_message is not acceptable');
          }
        },
        verifyUserCode: () => undefined,
        triggerAuthenticationDevice: (_ctx: unknown, request: BackchannelAuthenticationRequestLike) => phone!.ring(request),
      },
    },
  });
  phone = new TestPhone(provider);
  const inner = http.createServer(provider.callback());
  await listen(inner);
  const innerPort = (inner.address() as AddressInfo).port;

  const counts: FrontCounts = { discovery: 0, jwks: 0, backchannel: 0, token: 0, authorize: 0 };
  let tamper: TokenTamper | null = null;
  let hide = false;
  let slowDowns = { count: 0, retryAfterS: null as number | null };
  const resign = (claims: Record<string, unknown>): string => signJwt(signingKey, signingKid, claims);
  front.on('request', (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/.well-known/openid-configuration') counts.discovery += 1;
    if (path === '/jwks') counts.jwks += 1;
    if (path === '/backchannel') counts.backchannel += 1;
    if (path === '/token') counts.token += 1;
    if (path === '/auth') counts.authorize += 1;
    if (path === '/token' && slowDowns.count > 0) {
      slowDowns.count -= 1;
      const headers: Record<string, string> = { 'Content-Type': 'application/json' };
      if (slowDowns.retryAfterS !== null) headers['Retry-After'] = String(slowDowns.retryAfterS);
      req.resume();
      res.writeHead(400, headers).end(JSON.stringify({ error: 'slow_down', error_description: 'you are polling too quickly' }));
      return;
    }
    forward(req, res, innerPort, path === '/token' ? (status, body) => {
      if (status !== 200) return { status, body };
      if (hide) {
        hide = false;
        return { status: 400, body: JSON.stringify({ error: 'authorization_pending' }) };
      }
      if (!tamper) return { status, body };
      const change = tamper;
      tamper = null;
      return { status, body: JSON.stringify(change(JSON.parse(body) as Record<string, unknown>, resign)) };
    } : null);
  });
  return {
    issuer,
    basic,
    jwt: { clientId: 'ciba-jwt', privatePem: clientKey.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), keyId: clientKid },
    signIn: SIGN_IN_CLIENT,
    phone,
    counts: () => ({ ...counts }),
    tamperNextToken: (next) => void (tamper = next),
    hideNextSuccess: () => void (hide = true),
    get bindingRule() {
      return state.bindingRule;
    },
    set bindingRule(rule: RegExp) {
      state.bindingRule = rule;
    },
    reset() {
      state.bindingRule = defaultRule;
      tamper = null;
      hide = false;
      slowDowns = { count: 0, retryAfterS: null };
    },
    slowDownNext: (count, retryAfterS) => void (slowDowns = { count, retryAfterS: retryAfterS ?? null }),
    async close() {
      await Promise.all([close(front), close(inner)]);
    },
  };
}

/** Claims of a JWT (unverified: the harness reads what oidc-provider itself signed). */
export function claimsOf(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}

function signJwt(key: KeyObject, kid: string, claims: Record<string, unknown>): string {
  const input = `${base64url({ alg: 'RS256', typ: 'JWT', kid })}.${base64url(claims)}`;
  return `${input}.${sign('sha256', Buffer.from(input), key).toString('base64url')}`;
}

/** Forwards a request to oidc-provider; `rewrite` may replace the status and body of the answer. */
type Rewrite = (status: number, body: string) => { status: number; body: string };

function forward(req: http.IncomingMessage, res: http.ServerResponse, port: number, rewrite: Rewrite | null): void {
  const upstream = http.request({ host: '127.0.0.1', port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
    const chunks: Buffer[] = [];
    answer.on('data', (chunk: Buffer) => chunks.push(chunk));
    answer.on('end', () => {
      const original = { status: answer.statusCode ?? 502, body: Buffer.concat(chunks).toString('utf8') };
      const { status, body } = rewrite ? rewrite(original.status, original.body) : original;
      const headers = { ...answer.headers };
      delete headers['content-length'];
      delete headers['transfer-encoding'];
      res.writeHead(status, { ...headers, 'content-length': Buffer.byteLength(body) }).end(body);
    });
  });
  upstream.on('error', () => res.writeHead(502).end());
  req.pipe(upstream);
}

function listen(server: http.Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
}

function close(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
