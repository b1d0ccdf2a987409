import type { Messenger } from './messenger';

/**
 * The messenger as the scheduler sees it with MAX_SENDS_PER_SECOND set: the same messenger, paced
 * to at most `maxPerSecond` per workspace or tenant. It only ever lowers the platform's own rate
 * (its documented limit is the ceiling: above it the platform answers 429).
 */
export function capSendRate(messenger: Messenger, maxPerSecond: number | undefined): Messenger {
  if (maxPerSecond === undefined || maxPerSecond >= messenger.limits.perTenantPerSecond) return messenger;
  const limits = { ...messenger.limits, perTenantPerSecond: maxPerSecond };
  return new Proxy(messenger, {
    get(target, key) {
      if (key === 'limits') return limits;
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
