/**
 * The simulated VisualGuard endpoints: the token endpoint (VGAuthenticator grant) and the MFAEnrollment API
 * (QR by image, QR by bytes, ValidateMicrosoftTOTP), answering in the shapes docs/providers.md records.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import QRCode from 'qrcode';
import { keyUri } from '../../main/services/totp.js';
import type { VgSimCore } from './core.js';
import type { VgSimUser } from './fixtures.js';
import { HTML_TYPE, JSON_TYPE, parameters, readBody, send, sendJson } from './http-io.js';
import { sendBodyFault } from './faults.js';
import { tokenAnswer, type AnswerParts } from './responses.js';

const MAX_BODY = 16 * 1024;

type Plan = Omit<AnswerParts, 'requestId' | 'user' | 'identityName' | 'authorization'>;

/** What VisualGuard answers for each kind of account. */
const plans: Record<VgSimUser['kind'], Plan> = {
  needs_enrollment: { flags: { IsMFAAuthenticationRequired: true, IsMFAEnrollmentRequired: true }, enrollModes: [1, 4], status: 'MFA_EnrollmentRequired' },
  enrolled: { flags: { IsMFAAuthenticationRequired: true }, enrollModes: null, status: 'MFA_AuthenticationRequired' },
  sms_only: { flags: { IsMFAAuthenticationRequired: true, IsMFAEnrollmentRequired: true }, enrollModes: [1, 2], status: 'MFA_EnrollmentRequired' },
  locked_out: { flags: { IsUserAccountLockedOut: true }, enrollModes: null, status: 'UserAccountLockedOut' },
  disabled: { flags: { IsUserAccountDisabled: true }, enrollModes: null, status: 'UserAccountDisabled' },
  password_expired: { flags: { IsPasswordExpired: true, MustChangePasswordAtNextLogon: true }, enrollModes: null, status: 'PasswordExpired' },
};

/** POST /connect/token with the VGAuthenticator grant. */
export async function handleToken(core: VgSimCore, req: IncomingMessage, res: ServerResponse): Promise<void> {
  core.counts.token += 1;
  const body = await readBody(req, MAX_BODY);
  const fault = core.takeFault('token');
  if (sendBodyFault(res, fault, core.options.stallMaxMs)) return;
  const form = new URLSearchParams(body ?? '');
  if (fault === 'invalid_client' || form.get('client_id') !== core.options.clientId || form.get('client_secret') !== core.options.clientSecret) {
    return sendJson(res, 400, { error: 'invalid_client' });
  }
  if (form.get('grant_type') !== 'VGAuthenticator') return sendJson(res, 400, { error: 'unsupported_grant_type' });
  const module = form.get('VGAuthenticationModule') ?? '';
  const name = form.get('Username') ?? '';
  const user = core.user(name);
  const requestId = randomUUID();
  const parts: AnswerParts = { requestId, user, identityName: user?.name ?? null, flags: {}, authorization: {}, enrollModes: null, status: 'UserNotFound' };
  if (!user) parts.authorization = { IsUserNotFound: true };
  else if (module !== 'Passwordless' && form.get('Password') !== user.password) {
    Object.assign(parts, { identityName: null, flags: { IsCredentialInvalid: true }, status: 'CredentialInvalid' });
  } else {
    Object.assign(parts, plans[user.kind]);
    if (parts.enrollModes?.includes(4)) parts.requestId = core.openRequest(user).id;
  }
  if (fault === 'wrong_identity') parts.identityName = 'someone.else';
  const answer = tokenAnswer(parts, core.baseUrl);
  if (fault === 'missing_vgresponse') delete answer.VGResponse;
  if (fault === 'flag_not_boolean') (answer.VGResponse as { AuthenticationState: Record<string, unknown> }).AuthenticationState.IsUserAccountLocked = 'false';
  sendJson(res, 400, answer);
}

/** GET the enrollment QR code, as an image or as bytes. */
export async function handleQr(core: VgSimCore, req: IncomingMessage, res: ServerResponse, query: URLSearchParams, as: 'image' | 'bytes'): Promise<void> {
  if (as === 'image') core.counts.qrImage += 1;
  else core.counts.qrBytes += 1;
  const fault = core.takeFault('qr');
  if (sendBodyFault(res, fault, core.options.stallMaxMs)) return;
  if (fault === 'qr_not_image') return send(res, 200, as === 'image' ? 'image/png' : JSON_TYPE, as === 'image' ? '<html>not a picture</html>' : '"bm90IGFuIGltYWdl"');
  const record = core.requests.get(query.get('requestId') ?? '');
  if (!record || record.done) return sendJson(res, 404, { Message: 'Unknown or completed enrollment request' });
  if (core.expired(record)) return sendJson(res, 410, { Message: 'The enrollment request has expired' });
  const png = await QRCode.toBuffer(keyUri(core.options.issuer, record.user.name, record.secret), { type: 'png', errorCorrectionLevel: 'M', margin: 2, scale: 6 });
  if (as === 'image') return send(res, 200, 'image/png', png);
  const value = core.options.bytesFormat === 'array' ? [...png] : png.toString('base64');
  sendJson(res, 200, value);
}

/** POST ValidateMicrosoftTOTP: the request id and the code. */
export async function handleValidate(core: VgSimCore, req: IncomingMessage, res: ServerResponse, query: URLSearchParams): Promise<void> {
  core.counts.validate += 1;
  const body = (await readBody(req, MAX_BODY)) ?? '';
  const fault = core.takeFault('validate');
  if (sendBodyFault(res, fault, core.options.stallMaxMs)) return;
  if (fault === 'validate_no_verdict') return sendJson(res, 200, { Message: 'OK' });
  const params = parameters(query, String(req.headers['content-type'] ?? ''), body);
  const record = core.requests.get(params.get('requestid') ?? '');
  const code = params.get('securecode') ?? '';
  if (!record) return sendJson(res, 404, { Message: 'Unknown enrollment request' });
  if (!/^\d{6}$/.test(code)) return sendJson(res, 400, { IsValid: false, Message: 'The secure code must be 6 digits' });
  if (fault === 'validate_expired' || core.expired(record)) {
    return sendJson(res, 200, { IsValid: false, Message: 'The enrollment request has expired', AuthenticationState: { IsFailed: true, IsMFATimeOut: true } });
  }
  if (record.done) return sendJson(res, 200, { IsValid: false, Message: 'This enrollment request is already complete' });
  if (record.user.kind === 'locked_out') return sendJson(res, 200, { IsValid: false, Message: 'Account locked', AuthenticationState: { IsFailed: true, IsUserAccountLockedOut: true } });
  switch (core.check(record, code)) {
    case 'valid':
      return sendJson(res, 200, { IsValid: true, Message: 'Microsoft Authenticator is enrolled' });
    case 'locked':
      return sendJson(res, 200, { IsValid: false, Message: 'Account locked', AuthenticationState: { IsFailed: true, IsUserAccountLockedOut: true } });
    default:
      return sendJson(res, 200, { IsValid: false, Message: 'Invalid secure code' });
  }
}

/** Any other path. */
export function notFound(res: ServerResponse): void {
  send(res, 404, HTML_TYPE, '<!DOCTYPE html><title>Not found</title>');
}
