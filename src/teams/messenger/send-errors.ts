import type { PermanentFailureReason, SendResult } from '../../core/messenger';

type Failure = Extract<SendResult, { ok: false }>;

/** What botbuilder's connector throws (a core-rest-pipeline RestError) or a network error. */
interface ConnectorError {
  statusCode?: number;
  code?: string;
  message?: string;
  response?: { headers?: { get?(name: string): string | undefined | null }; bodyAsText?: string | null };
}

/** Retry-After is seconds or an HTTP date. */
export function retryAfterMs(header: string | null | undefined, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

const BLOCKED = /BotDisabledByAdmin|ConversationBlockedByUser|bot (is )?blocked|blocked by (the )?user|BotNotInConversationRoster|not installed/i;
const GONE = /ConversationNotFound|MemberNotFoundInConversation|UserNotFound|user (was )?not found|conversation not found|NotFound/i;

/**
 * Maps a failed Bot Connector call to the port's result: 429 (with Retry-After), 5xx, 412 and
 * network trouble are worth retrying; a blocked or disabled bot, a person who left, a missing
 * conversation are not, and say why (the coordinator sees the reason).
 */
export function mapSendError(error: unknown, what: 'direct' | 'channel' = 'direct'): Failure {
  const e = (error ?? {}) as ConnectorError;
  const status = typeof e.statusCode === 'number' ? e.statusCode : undefined;
  const text = `${e.code ?? ''} ${e.message ?? ''} ${e.response?.bodyAsText ?? ''}`;
  const detail = `${status ? `HTTP ${status} ` : ''}${e.code ? `${e.code}: ` : ''}${e.message ?? String(error)}`.trim();
  if (status === undefined || status === 429 || status === 412 || status >= 500) {
    const after = status === 429 ? retryAfterMs(e.response?.headers?.get?.('retry-after')) : undefined;
    return { ok: false, retryable: true, ...(after !== undefined ? { retryAfterMs: after } : {}), detail };
  }
  let reason: PermanentFailureReason = 'other';
  if (status === 403 && BLOCKED.test(text)) reason = 'bot_blocked';
  else if (status === 403) reason = what === 'channel' ? 'channel_not_found' : 'bot_blocked';
  else if (status === 404 && what === 'channel') reason = 'channel_not_found';
  else if (status === 404 && GONE.test(text)) reason = 'user_left';
  else if (status === 404) reason = 'user_left';
  return { ok: false, retryable: false, reason, detail };
}
