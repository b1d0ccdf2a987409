import { createLogger } from '../log';
import type { OnceRepository } from '../core/ports';
import { FollowUpGuard } from './dedupe';

function memoryOnce(): Pick<OnceRepository, 'claim'> & { keys: Map<string, Date> } {
  const keys = new Map<string, Date>();
  return {
    keys,
    async claim(key, expiresAt) {
      if (keys.has(key)) return false;
      keys.set(key, expiresAt);
      return true;
    },
  };
}

describe('FollowUpGuard', () => {
  const logger = createLogger('silent');

  it('says "first" once per key', async () => {
    const once = memoryOnce();
    const guard = new FollowUpGuard(once, { now: () => new Date('2026-03-02T09:17:42.123Z') }, logger);
    expect(await guard.first('round-created:r1')).toBe(true);
    expect(await guard.first('round-created:r1')).toBe(false);
    expect(await guard.first('round-created:r2')).toBe(true);
  });

  it('stores an expiry rounded up to the hour, not the moment of the request', async () => {
    const once = memoryOnce();
    const guard = new FollowUpGuard(once, { now: () => new Date('2026-03-02T09:17:42.123Z') }, logger);
    await guard.first('k');
    expect(once.keys.get('slack:k')).toEqual(new Date('2026-03-02T11:00:00.000Z'));
  });

  it('skips the follow-up when the key cannot be recorded', async () => {
    const guard = new FollowUpGuard({ claim: async () => Promise.reject(new Error('store down')) }, { now: () => new Date() }, logger);
    expect(await guard.first('k')).toBe(false);
  });
});
