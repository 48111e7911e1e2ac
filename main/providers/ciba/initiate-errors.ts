/**
 * Why the backchannel authentication endpoint refused a request (CIBA §13, RFC 6749 §5.2). The server
 * refused before contacting the phone, so none of these is ambiguous: nothing was sent.
 */
import { singleLine } from '../../services/text.js';
import { errorOutcome, inSentence, type OutcomeContext } from '../shared/outcomes.js';
import type { ProviderOutcome } from '../types.js';
import { errorDetail } from './outcomes.js';
import type { OAuthError } from './schemas.js';

const CHECK_SETTINGS = 'Check this profile’s settings, or ask your identity administrator.';

/** The provider's own words, quoted for the agent (bounded, one line), or nothing. */
function said(ctx: OutcomeContext, error: OAuthError): string {
  const description = error.error_description ? singleLine(error.error_description, 200).trim() : '';
  return description ? ` ${ctx.provider} said: “${description}”` : '';
}

function bindingRefused(ctx: OutcomeContext, error: OAuthError, detail: string): ProviderOutcome {
  return errorOutcome(
    error.error,
    'Code refused',
    `${ctx.provider} refused the code meant for the user’s phone (the binding message). Nothing was sent.${said(ctx, error)}`,
    'Check “Code shown on the phone” and “Code prefix” in the profile settings.',
    detail,
  );
}

/** Maps an error answer of the backchannel authentication endpoint. */
export function initiateErrorOutcome(status: number, error: OAuthError, ctx: OutcomeContext): ProviderOutcome {
  const detail = errorDetail(status, error);
  const description = error.error_description ?? '';
  switch (error.error) {
    case 'invalid_binding_message':
      return bindingRefused(ctx, error, detail);
    case 'invalid_request':
      // Auth0 reports binding message and login_hint problems as invalid_request; the text tells them apart.
      if (/binding/i.test(description.slice(0, 300))) return bindingRefused(ctx, error, detail);
      if (/login_hint|user|sub\b/i.test(description.slice(0, 300))) {
        return errorOutcome('invalid_request', 'Account not accepted', `${ctx.provider} did not accept the account as entered. Nothing was sent.${said(ctx, error)}`, 'Check the account, and “How accounts are named” in the profile settings.', detail);
      }
      return errorOutcome('invalid_request', 'Request refused', `${ctx.provider} refused the request as not valid. Nothing was sent.${said(ctx, error)}`, CHECK_SETTINGS, detail);
    case 'unknown_user_id':
      return errorOutcome('unknown_user_id', 'No such account', `${ctx.provider} has no account with this ID. Nothing was sent.`, 'Check the account, and “How accounts are named” in the profile settings.', detail);
    case 'invalid_scope':
      return errorOutcome('invalid_scope', 'Scope refused', `${ctx.provider} refused the scope in this profile. Nothing was sent.${said(ctx, error)}`, 'Check “Scope” in the profile settings: it must contain openid and only scopes the application may request.', detail);
    case 'unauthorized_client':
      return errorOutcome('unauthorized_client', 'Application not allowed', `This application is not allowed to use backchannel sign-in (CIBA) at ${inSentence(ctx)}. Nothing was sent.`, 'Ask your identity administrator to enable CIBA for this application.', detail);
    case 'invalid_client':
      return errorOutcome('invalid_client', 'Client credentials refused', `${ctx.provider} refused this app’s client ID or credentials. Nothing was sent.`, 'Run “Test connection” and check the client ID, the authentication method and the secret or key.', detail);
    case 'access_denied':
      return errorOutcome('access_denied', 'Request refused', `${ctx.provider} refused to send a request to this account. Nothing was sent.${said(ctx, error)}`, 'Verify the caller another way.', detail);
    default:
      return errorOutcome(error.error, 'Request refused', `${ctx.provider} refused the request. Nothing was sent.${said(ctx, error)}`, CHECK_SETTINGS, detail);
  }
}
