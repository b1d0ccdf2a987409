import { buildApp } from '../../src/app/build-app';
import { parseEnv } from '../../src/config/env';
import { systemClock } from '../../src/core/ports';
import { loadQuestionnaire } from '../../src/core/questionnaire/load';
import { createLogger } from '../../src/log';
import { monitorStoreHealth } from '../../src/store';
import { idleOrchestrator } from '../playground/support/app';
import { openTestDatabase } from '../support/mongo';

/**
 * `/healthz` follows the database: 200 while it answers, 503 once it has been gone for a while
 * (so an orchestrator restarts the process), 200 again when it is back.
 */
it('turns 503 when the database has failed for a while, and 200 when it is back', async () => {
  const db = await openTestDatabase();
  let now = Date.now();
  let broken = false;
  const health = monitorStoreHealth({
    ping: () => (broken ? Promise.reject(new Error('server selection timed out')) : db.db.command({ ping: 1 })),
    now: () => now,
    unhealthyAfterMs: 30_000,
  });
  const app = buildApp({
    env: parseEnv({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }),
    repos: db.repos,
    questionnaire: loadQuestionnaire(undefined),
    respondentSecret: 'healthz-test-secret-0123456789abcdef',
    clock: systemClock,
    logger: createLogger('silent'),
    integrations: [],
    createOrchestrator: idleOrchestrator,
    storeHealth: () => health.status(),
  });
  const { url } = await app.listen(0);
  const get = async () => {
    const res = await fetch(`${url}/healthz`);
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  try {
    await health.check();
    expect(await get()).toEqual({ status: 200, body: { ok: true } });
    broken = true;
    await health.check();
    expect((await get()).status).toBe(200);
    now += 31_000;
    await health.check();
    expect(await get()).toEqual({ status: 503, body: { ok: false, error: 'database unreachable', since: expect.any(String) } });
    broken = false;
    await health.check();
    expect(await get()).toEqual({ status: 200, body: { ok: true } });
  } finally {
    health.stop();
    await app.stop();
    await db.close();
  }
});
