import { toSendFailure } from './web-api-errors';

const platform = (error: string) => Object.assign(new Error(`An API error occurred: ${error}`), { code: 'slack_webapi_platform_error', data: { ok: false, error } });

describe('Slack Web API errors for the scheduler', () => {
  it.each([
    ['user_not_found', 'user_left'],
    ['user_disabled', 'user_left'],
    ['cannot_dm_bot', 'bot_blocked'],
    ['messages_tab_disabled', 'bot_blocked'],
    ['not_in_channel', 'channel_not_found'],
    ['channel_not_found', 'channel_not_found'],
    ['is_archived', 'channel_not_found'],
    ['invalid_auth', 'not_installed'],
    ['token_revoked', 'not_installed'],
    ['account_inactive', 'not_installed'],
    ['invalid_blocks', 'other'],
    ['something_new', 'other'],
  ])('%s is permanent: %s', (error, reason) => {
    expect(toSendFailure(platform(error))).toEqual({ ok: false, retryable: false, reason, detail: error });
  });

  it.each(['ratelimited', 'internal_error', 'fatal_error', 'service_unavailable', 'request_timeout'])('%s is worth another try', (error) => {
    expect(toSendFailure(platform(error))).toMatchObject({ ok: false, retryable: true });
  });

  it('takes the wait from a rate-limited call (seconds → ms)', () => {
    expect(toSendFailure({ code: 'slack_webapi_rate_limited_error', retryAfter: 30, message: 'rate limited' })).toMatchObject({ retryable: true, retryAfterMs: 30_000 });
    expect(toSendFailure({ code: 'slack_webapi_http_error', statusCode: 429, headers: { 'retry-after': '12' } })).toMatchObject({ retryable: true, retryAfterMs: 12_000 });
  });

  it('retries network errors and 5xx; gives up on a 401/403 as not installed', () => {
    expect(toSendFailure({ code: 'slack_webapi_request_error', message: 'ECONNRESET' })).toMatchObject({ retryable: true });
    expect(toSendFailure(new TypeError('fetch failed'))).toMatchObject({ retryable: true });
    expect(toSendFailure({ code: 'slack_webapi_http_error', statusCode: 502 })).toMatchObject({ retryable: true });
    expect(toSendFailure({ code: 'slack_webapi_http_error', statusCode: 403 })).toMatchObject({ retryable: false, reason: 'not_installed' });
  });
});
