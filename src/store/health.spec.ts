import { monitorStoreHealth } from './health';

describe('monitorStoreHealth', () => {
  it('stays healthy through a short outage and turns unhealthy once every ping failed for a while', async () => {
    let now = 0;
    let up = true;
    const health = monitorStoreHealth({ ping: async () => (up ? { ok: 1 } : Promise.reject(new Error('connection refused'))), now: () => now, unhealthyAfterMs: 30_000 });
    try {
      await health.check();
      expect(health.status()).toEqual({ ok: true });
      up = false;
      await health.check();
      now += 20_000;
      await health.check();
      // 20 s of failures: a blip or an election, not yet a reason to restart.
      expect(health.status()).toMatchObject({ ok: true, failingSince: new Date(0), lastError: 'connection refused' });
      now += 10_000;
      expect(health.status()).toMatchObject({ ok: false, failingSince: new Date(0) });
      up = true;
      await health.check();
      expect(health.status()).toEqual({ ok: true });
      // A new outage counts from its own start.
      up = false;
      now += 5_000;
      await health.check();
      expect(health.status()).toMatchObject({ ok: true, failingSince: new Date(35_000) });
    } finally {
      health.stop();
    }
  });

  it('runs one ping at a time', async () => {
    let calls = 0;
    let release: () => void = () => undefined;
    const health = monitorStoreHealth({ ping: () => new Promise<void>((r) => ((calls += 1), (release = r))) });
    const a = health.check();
    const b = health.check();
    release();
    await Promise.all([a, b]);
    expect(calls).toBe(1);
    health.stop();
  });
});
