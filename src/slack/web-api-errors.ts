import type { PermanentFailureReason, SendResult } from '../core/messenger';

/**
 * Turns a Slack Web API failure into the scheduler's language: retry (maybe after a given time)
 * or give up with a reason the coordinator can understand. The WebClient is built with
 * `rejectRateLimitedCalls` and no retries, so every 429 arrives here and the scheduler owns the
 * pacing. Errors are recognised by their `code` strings, not by class, so two copies of
 * @slack/web-api in node_modules cannot break the mapping.
 *
 * Codes from https://docs.slack.dev/reference/methods/chat.postMessage,
 * conversations.open, conversations.members and the "Errors" sections of the Web API reference.
 */
export type SendFailure = Extract<SendResult, { ok: false }>;

const PERMANENT: Record<string, PermanentFailureReason> = {
  // The person is gone.
  user_not_found: 'user_left',
  user_disabled: 'user_left',
  users_not_found: 'user_left',
  // The person cannot receive a DM from the app.
  cannot_dm_bot: 'bot_blocked',
  messages_tab_disabled: 'bot_blocked',
  user_is_bot: 'bot_blocked',
  restricted_action: 'bot_blocked',
  // The conversation is gone or the app is not in it.
  not_in_channel: 'channel_not_found',
  channel_not_found: 'channel_not_found',
  is_archived: 'channel_not_found',
  no_permission: 'channel_not_found',
  // The app's token no longer works in this workspace. `account_inactive` is documented as
  // "authentication token is for a deleted user or workspace": it is about our token, not about
  // the person we write to (a deactivated person gives user_disabled / user_not_found).
  invalid_auth: 'not_installed',
  not_authed: 'not_installed',
  token_revoked: 'not_installed',
  token_expired: 'not_installed',
  account_inactive: 'not_installed',
  team_access_not_granted: 'not_installed',
  missing_scope: 'not_installed',
  ekm_access_denied: 'not_installed',
  // Our payload is wrong: retrying the same payload cannot help.
  invalid_blocks: 'other',
  invalid_arguments: 'other',
  msg_too_long: 'other',
  too_many_attachments: 'other',
};

/** Slack-side trouble that is worth another try. */
const RETRYABLE = new Set(['ratelimited', 'rate_limited', 'internal_error', 'fatal_error', 'service_unavailable', 'request_timeout', 'team_added_to_org']);

interface CodedError {
  code?: unknown;
  data?: { error?: unknown };
  retryAfter?: unknown;
  statusCode?: unknown;
  headers?: Record<string, unknown>;
  message?: unknown;
}

function retryAfterHeader(headers: Record<string, unknown> | undefined): number | undefined {
  const raw = headers?.['retry-after'];
  const seconds = typeof raw === 'string' ? Number(raw) : typeof raw === 'number' ? raw : NaN;
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

/** The Slack error string ("channel_not_found") of a failed call, if it has one. */
export function slackErrorCode(e: unknown): string | undefined {
  const err = e as CodedError;
  return err && typeof err === 'object' && err.data && typeof err.data.error === 'string' ? err.data.error : undefined;
}

export function toSendFailure(e: unknown): SendFailure {
  const err = (e ?? {}) as CodedError;
  const message = typeof err.message === 'string' ? err.message : String(e);
  switch (err.code) {
    case 'slack_webapi_rate_limited_error': {
      const seconds = typeof err.retryAfter === 'number' ? err.retryAfter : undefined;
      return { ok: false, retryable: true, ...(seconds !== undefined ? { retryAfterMs: seconds * 1000 } : {}), detail: `ratelimited (retry after ${seconds ?? '?'} s)` };
    }
    case 'slack_webapi_platform_error': {
      const code = slackErrorCode(err) ?? 'unknown_error';
      const reason = PERMANENT[code];
      if (reason) return { ok: false, retryable: false, reason, detail: code };
      if (RETRYABLE.has(code)) return { ok: false, retryable: true, detail: code };
      // An error code we do not know: report it rather than retry a call that may never work.
      return { ok: false, retryable: false, reason: 'other', detail: code };
    }
    case 'slack_webapi_http_error': {
      const status = typeof err.statusCode === 'number' ? err.statusCode : 0;
      if (status === 429) {
        const after = retryAfterHeader(err.headers);
        return { ok: false, retryable: true, ...(after !== undefined ? { retryAfterMs: after } : {}), detail: 'HTTP 429' };
      }
      if (status >= 500 || status === 408) return { ok: false, retryable: true, detail: `HTTP ${status}` };
      if (status === 401 || status === 403) return { ok: false, retryable: false, reason: 'not_installed', detail: `HTTP ${status}` };
      return { ok: false, retryable: false, reason: 'other', detail: `HTTP ${status}` };
    }
    case 'slack_webapi_request_error':
    default:
      // Network trouble (DNS, reset, timeout) or anything unexpected: the message may not have
      // gone out; the scheduler retries with the same idempotency key.
      return { ok: false, retryable: true, detail: message };
  }
}
