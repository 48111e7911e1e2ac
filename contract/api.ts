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
  enroll: {
    start(input: ChannelInput<'enroll:start'>): Call<'enroll:start'>;
    setupKey(enrollmentId: string): Call<'enroll:setupKey'>;
    confirm(enrollmentId: string, code: string): Call<'enroll:confirm'>;
    cancel(enrollmentId: string): Call<'enroll:cancel'>;
    list(): Call<'enroll:list'>;
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
    scan(uri: string): Call<'sandbox:scan'>;
  };
  approvals: {
    state(): Call<'approvals:state'>;
    create(input: ChannelInput<'approvals:create'>): Call<'approvals:create'>;
    discard(releaseId: string): Call<'approvals:discard'>;
    signIn(input: ChannelInput<'approvals:signIn'>): Call<'approvals:signIn'>;
    challenge(stepUpId: string, authenticatorId: string): Call<'approvals:challenge'>;
    submitCode(stepUpId: string, code: string): Call<'approvals:submitCode'>;
    cancel(stepUpId: string): Call<'approvals:cancel'>;
    enroll(input: ChannelInput<'approvals:enroll'>): Call<'approvals:enroll'>;
    setupKey(stepUpId: string): Call<'approvals:setupKey'>;
    takeRecoveryCode(stepUpId: string): Call<'approvals:takeRecoveryCode'>;
    ackRecoveryCode(stepUpId: string): Call<'approvals:ackRecoveryCode'>;
    signReceipt(releaseId: string): Call<'approvals:signReceipt'>;
    receipt(id: string): Call<'approvals:receipt'>;
    exportReceipt(id: string): Call<'approvals:exportReceipt'>;
    publicKey(): Call<'approvals:publicKey'>;
    exportPublicKey(): Call<'approvals:exportPublicKey'>;
    openLink(url: string): Call<'approvals:openLink'>;
    takeLink(): Call<'approvals:takeLink'>;
  };
  events: {
    onVerificationUpdated(listener: Listener<'verification:updated'>): () => void;
    onEnrollmentUpdated(listener: Listener<'enrollment:updated'>): () => void;
    onSandboxChanged(listener: Listener<'sandbox:changed'>): () => void;
    onAuditChanged(listener: Listener<'audit:changed'>): () => void;
    onIntegrityChanged(listener: Listener<'audit:integrity'>): () => void;
    onApprovalUpdated(listener: Listener<'approvals:updated'>): () => void;
    onApprovalLink(listener: Listener<'approvals:link'>): () => void;
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
    enroll: {
      start: (input) => call('enroll:start', input),
      setupKey: (enrollmentId) => call('enroll:setupKey', { enrollmentId }),
      confirm: (enrollmentId, code) => call('enroll:confirm', { enrollmentId, code }),
      cancel: (enrollmentId) => call('enroll:cancel', { enrollmentId }),
      list: () => call('enroll:list', {}),
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
      scan: (uri) => call('sandbox:scan', { uri }),
    },
    approvals: {
      state: () => call('approvals:state', {}),
      create: (input) => call('approvals:create', input),
      discard: (releaseId) => call('approvals:discard', { releaseId }),
      signIn: (input) => call('approvals:signIn', input),
      challenge: (stepUpId, authenticatorId) => call('approvals:challenge', { stepUpId, authenticatorId }),
      submitCode: (stepUpId, code) => call('approvals:submitCode', { stepUpId, code }),
      cancel: (stepUpId) => call('approvals:cancel', { stepUpId }),
      enroll: (input) => call('approvals:enroll', input),
      setupKey: (stepUpId) => call('approvals:setupKey', { stepUpId }),
      takeRecoveryCode: (stepUpId) => call('approvals:takeRecoveryCode', { stepUpId }),
      ackRecoveryCode: (stepUpId) => call('approvals:ackRecoveryCode', { stepUpId }),
      signReceipt: (releaseId) => call('approvals:signReceipt', { releaseId }),
      receipt: (id) => call('approvals:receipt', { id }),
      exportReceipt: (id) => call('approvals:exportReceipt', { id }),
      publicKey: () => call('approvals:publicKey', {}),
      exportPublicKey: () => call('approvals:exportPublicKey', {}),
      openLink: (url) => call('approvals:openLink', { url }),
      takeLink: () => call('approvals:takeLink', {}),
    },
    events: {
      onVerificationUpdated: on('verification:updated'),
      onEnrollmentUpdated: on('enrollment:updated'),
      onSandboxChanged: on('sandbox:changed'),
      onAuditChanged: on('audit:changed'),
      onIntegrityChanged: on('audit:integrity'),
      onApprovalUpdated: on('approvals:updated'),
      onApprovalLink: on('approvals:link'),
    },
  };
}

/** Channel names used for events over Electron IPC (prefixed so they never collide with invoke channels). */
export const eventChannel = (event: EventName): string => `event:${event}`;
