/**
 * The intent API the renderer sees as `window.mfa`. Built once from a transport, so Electron's preload and
 * the browser shell's bridge expose exactly the same object. The transport itself is never exposed:
 * the renderer can call these methods and nothing else.
 */
import type { Channel, ChannelInput, ChannelOutput, EventName, EventPayloads } from './ipc.js';
import type { AuditQuery, ExportFormat, ForwardDestinationInput } from './audit.js';
import type { PhoneAction, ProfileInput, Result, VerificationDecision, VerificationMode } from './domain.js';

export interface Transport {
  invoke(channel: Channel, payload: unknown): Promise<Result<unknown>>;
  subscribe(event: EventName, listener: (payload: unknown) => void): () => void;
}

type Call<C extends Channel> = Promise<Result<ChannelOutput<C>>>;
type Listener<E extends EventName> = (payload: EventPayloads[E]) => void;

export interface MfaApi {
  app: { info(): Call<'app:info'>; openLogFolder(): Call<'app:openLogFolder'> };
  /** The operator's session: sign-in through the organisation's OpenID provider, roles, sign-out. */
  session: {
    state(): Call<'session:state'>;
    signIn(): Call<'session:signIn'>;
    cancelSignIn(): Call<'session:cancelSignIn'>;
    signOut(): Call<'session:signOut'>;
  };
  profiles: {
    list(): Call<'profiles:list'>;
    save(input: ProfileInput): Call<'profiles:save'>;
    remove(id: string): Call<'profiles:remove'>;
    setSecret(id: string, secret: string): Call<'profiles:setSecret'>;
    deleteSecret(id: string): Call<'profiles:deleteSecret'>;
    testConnection(id: string): Call<'profiles:testConnection'>;
  };
  verify: {
    methods(profileId: string, subject: string): Call<'verify:methods'>;
    start(input: {
      profileId: string;
      subject: string;
      reason: string;
      ticket: string;
      mode: VerificationMode;
    }): Call<'verify:start'>;
    submitCode(verificationId: string, code: string): Call<'verify:submitCode'>;
    cancel(verificationId: string): Call<'verify:cancel'>;
    /** Records what the agent did after an outcome that is not an approval. */
    record(verificationId: string, decision: VerificationDecision): Call<'verify:record'>;
    list(): Call<'verify:list'>;
  };
  audit: {
    list(query: ChannelInput<'audit:list'>): Call<'audit:list'>;
    query(query: AuditQuery): Call<'audit:query'>;
    entry(seq: number): Call<'audit:entry'>;
    integrity(): Call<'audit:integrity'>;
    verify(): Call<'audit:verify'>;
    acknowledge(note: string): Call<'audit:acknowledge'>;
    export(format: ExportFormat): Call<'audit:export'>;
    settings(): Call<'audit:settings'>;
    setRetention(days: number | null): Call<'audit:setRetention'>;
    forwarding(): Call<'audit:forwarding'>;
    saveDestination(input: ForwardDestinationInput): Call<'audit:saveDestination'>;
    removeDestination(id: string): Call<'audit:removeDestination'>;
    setDestinationSecret(id: string, secret: string): Call<'audit:setDestinationSecret'>;
  };
  sandbox: {
    state(): Call<'sandbox:state'>;
    setEnabled(enabled: boolean): Call<'sandbox:setEnabled'>;
    respond(promptId: string, action: PhoneAction): Call<'sandbox:respond'>;
    setFault(profileId: string, fault: string): Call<'sandbox:setFault'>;
  };
  events: {
    onVerificationUpdated(listener: Listener<'verification:updated'>): () => void;
    onSandboxChanged(listener: Listener<'sandbox:changed'>): () => void;
    onAuditChanged(listener: Listener<'audit:changed'>): () => void;
    onIntegrityChanged(listener: Listener<'audit:integrity'>): () => void;
    onSessionChanged(listener: Listener<'session:changed'>): () => void;
  };
}

/** Builds the intent API over a transport (ipcRenderer in preload, a WebSocket in the browser shell). */
export function createApi(transport: Transport): MfaApi {
  const call = <C extends Channel>(channel: C, payload: ChannelInput<C>): Call<C> =>
    transport.invoke(channel, payload) as Call<C>;
  const on =
    <E extends EventName>(event: E) =>
    (listener: Listener<E>): (() => void) => {
      if (typeof listener !== 'function') throw new TypeError('listener must be a function');
      return transport.subscribe(event, (payload) => listener(payload as EventPayloads[E]));
    };
  return {
    app: { info: () => call('app:info', {}), openLogFolder: () => call('app:openLogFolder', {}) },
    session: {
      state: () => call('session:state', {}),
      signIn: () => call('session:signIn', {}),
      cancelSignIn: () => call('session:cancelSignIn', {}),
      signOut: () => call('session:signOut', {}),
    },
    profiles: {
      list: () => call('profiles:list', {}),
      save: (input) => call('profiles:save', input),
      remove: (id) => call('profiles:remove', { id }),
      setSecret: (id, secret) => call('profiles:setSecret', { id, secret }),
      deleteSecret: (id) => call('profiles:deleteSecret', { id }),
      testConnection: (id) => call('profiles:testConnection', { id }),
    },
    verify: {
      methods: (profileId, subject) => call('verify:methods', { profileId, subject }),
      start: (input) => call('verify:start', input),
      submitCode: (verificationId, code) => call('verify:submitCode', { verificationId, code }),
      cancel: (verificationId) => call('verify:cancel', { verificationId }),
      record: (verificationId, decision) => call('verify:record', { verificationId, decision }),
      list: () => call('verify:list', {}),
    },
    audit: {
      list: (query) => call('audit:list', query),
      query: (query) => call('audit:query', query),
      entry: (seq) => call('audit:entry', { seq }),
      integrity: () => call('audit:integrity', {}),
      verify: () => call('audit:verify', {}),
      acknowledge: (note) => call('audit:acknowledge', { note }),
      export: (format) => call('audit:export', { format }),
      settings: () => call('audit:settings', {}),
      setRetention: (days) => call('audit:setRetention', { days }),
      forwarding: () => call('audit:forwarding', {}),
      saveDestination: (input) => call('audit:saveDestination', input),
      removeDestination: (id) => call('audit:removeDestination', { id }),
      setDestinationSecret: (id, secret) => call('audit:setDestinationSecret', { id, secret }),
    },
    sandbox: {
      state: () => call('sandbox:state', {}),
      setEnabled: (enabled) => call('sandbox:setEnabled', { enabled }),
      respond: (promptId, action) => call('sandbox:respond', { promptId, action }),
      setFault: (profileId, fault) => call('sandbox:setFault', { profileId, fault }),
    },
    events: {
      onVerificationUpdated: on('verification:updated'),
      onSandboxChanged: on('sandbox:changed'),
      onAuditChanged: on('audit:changed'),
      onIntegrityChanged: on('audit:integrity'),
      onSessionChanged: on('session:changed'),
    },
  };
}

/** Channel names used for events over Electron IPC (prefixed so they never collide with invoke channels). */
export const eventChannel = (event: EventName): string => `event:${event}`;
