import { TEAMS_LIMITS } from './limits';

test('paced well inside the documented per-conversation and per-tenant limits', () => {
  // 7 sends per second per conversation and 30 requests per second per app per tenant (two requests per first message).
  expect(TEAMS_LIMITS.perConversationPerSecond).toBeLessThanOrEqual(7);
  expect(TEAMS_LIMITS.perTenantPerSecond * 2).toBeLessThanOrEqual(30);
});
