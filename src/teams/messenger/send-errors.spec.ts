import { mapSendError, retryAfterMs } from './send-errors';

const rest = (statusCode: number, code?: string, message = '', retryAfter?: string) => ({ statusCode, code, message, response: { headers: { get: (n: string) => (n === 'retry-after' ? retryAfter : undefined) } } });

test('Retry-After in seconds or as a date', () => {
  expect(retryAfterMs('7')).toBe(7000);
  expect(retryAfterMs('0.5')).toBe(500);
  expect(retryAfterMs('Wed, 04 Mar 2026 10:00:30 GMT', Date.parse('2026-03-04T10:00:00Z'))).toBe(30_000);
  expect(retryAfterMs('soon')).toBeUndefined();
  expect(retryAfterMs(undefined)).toBeUndefined();
});

test('throttling, server trouble and the network are worth another try', () => {
  expect(mapSendError(rest(429, 'Throttled', 'slow down', '3'))).toMatchObject({ ok: false, retryable: true, retryAfterMs: 3000 });
  expect(mapSendError(rest(429))).toEqual({ ok: false, retryable: true, detail: 'HTTP 429' });
  expect(mapSendError(rest(503, undefined, 'unavailable'))).toMatchObject({ retryable: true });
  expect(mapSendError(rest(412))).toMatchObject({ retryable: true });
  expect(mapSendError({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' })).toMatchObject({ retryable: true, detail: 'ECONNREFUSED: connect ECONNREFUSED' });
  expect(mapSendError(new Error('socket hang up'))).toMatchObject({ retryable: true });
});

test('a blocked or disabled bot, a person who left, a channel that is gone are permanent with their reason', () => {
  expect(mapSendError(rest(403, 'BotDisabledByAdmin'))).toMatchObject({ retryable: false, reason: 'bot_blocked' });
  expect(mapSendError(rest(403, 'ConversationBlockedByUser', 'User blocked the conversation with the bot.'))).toMatchObject({ reason: 'bot_blocked' });
  expect(mapSendError(rest(403, 'Forbidden', 'The bot is blocked'))).toMatchObject({ reason: 'bot_blocked' });
  expect(mapSendError(rest(404, 'ConversationNotFound'))).toMatchObject({ retryable: false, reason: 'user_left' });
  expect(mapSendError(rest(404, 'MemberNotFoundInConversation'))).toMatchObject({ reason: 'user_left' });
  expect(mapSendError(rest(404, 'ConversationNotFound'), 'channel')).toMatchObject({ reason: 'channel_not_found' });
  expect(mapSendError(rest(403, 'Forbidden'), 'channel')).toMatchObject({ reason: 'channel_not_found' });
  expect(mapSendError(rest(400, 'BadArgument', 'Activity too large'))).toMatchObject({ retryable: false, reason: 'other', detail: 'HTTP 400 BadArgument: Activity too large' });
});
