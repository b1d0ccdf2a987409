import type { PlatformLimits } from '../../core/messenger';

/**
 * Microsoft documents the bot limits in "Optimize your bot with rate limiting in Teams"
 * (learn.microsoft.com/microsoftteams/platform/bots/how-to/rate-limit):
 *  - per bot per thread (a 1:1 chat, a group chat or a channel): "Send to conversation" and
 *    "Create conversation" 7 operations per 1 s, 8 per 2 s, 60 per 30 s, 1800 per 3600 s;
 *    "Get conversation members" 14 / 1 s, 16 / 2 s, 120 / 30 s, 3600 / 3600 s;
 *  - per thread for all bots together: 14 per 1 s, 16 per 2 s;
 *  - globally per app per tenant: the current page says 30 requests per second (earlier
 *    versions said 50).
 * Zorgspiegel sends one or two cards per person per conversation, so one per second per
 * conversation stays far below every per-thread window. A first invitation can take two
 * requests (create the 1:1, then send), so pacing sends at 15 per second keeps the app under
 * the 30 RPS tenant limit even then.
 */
export const TEAMS_LIMITS: PlatformLimits = {
  perConversationPerSecond: 1,
  perTenantPerSecond: 15,
};
