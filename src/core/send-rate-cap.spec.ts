import type { Messenger } from './messenger';
import { capSendRate } from './send-rate-cap';

const messenger = {
  platform: 'teams',
  limits: { perConversationPerSecond: 1, perTenantPerSecond: 15 },
  displayName(this: { platform: string }, _tenant: unknown, id: string) {
    return `${this.platform}:${id}`;
  },
} as unknown as Messenger;

describe('capSendRate', () => {
  it('lowers the per-tenant rate and leaves the rest of the messenger as it is', () => {
    const capped = capSendRate(messenger, 5);
    expect(capped.limits).toEqual({ perConversationPerSecond: 1, perTenantPerSecond: 5 });
    expect(capped.platform).toBe('teams');
    expect(capped.displayName({} as never, 'u1')).toBe('teams:u1');
    expect(messenger.limits.perTenantPerSecond).toBe(15);
  });

  it('never raises it above the platform’s own pacing, and does nothing when unset', () => {
    expect(capSendRate(messenger, 50)).toBe(messenger);
    expect(capSendRate(messenger, undefined)).toBe(messenger);
  });
});
