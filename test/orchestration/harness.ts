import pino from 'pino';
import { MessengerRegistry, type PlatformLimits } from '../../src/core/messenger';
import type { Job, Repositories } from '../../src/core/ports';
import { planRoundJobs } from '../../src/core/round-plan';
import type { Round } from '../../src/core/round';
import { defaultTenantSettings, type Tenant, type TenantSettings } from '../../src/core/tenant';
import { makeRound, TEST_NOW } from '../../src/core/testing/fixtures';
import { createOrchestrator, type Orchestrator, type OrchestratorOptions } from '../../src/orchestration';
import { openTestDatabase, type TestDatabase } from '../support/mongo';
import { FakeClock } from './fake-clock';
import { FakeMessenger, FakePlatform, type PlatformOptions } from './fake-messenger';

export const silent = pino({ level: 'silent' });
export const TENANT_ID = 'playground:demo';
export const COORDINATOR = 'U-coord';
export const ALWAYS_OPEN = { start: '00:00', end: '24:00', days: [1, 2, 3, 4, 5, 6, 7] };

/** The respondent-key secret of every orchestration test process (the services under test use it too). */
export const TEST_RESPONDENT_SECRET = 'test-orchestration-respondent-secret-0123456789';

export const people = (n: number, prefix = 'U') => Array.from({ length: n }, (_, i) => `${prefix}${String(i + 1).padStart(4, '0')}`);

export interface World {
  db: TestDatabase;
  repos: Repositories;
  clock: FakeClock;
  platform: FakePlatform;
  tenant: Tenant;
  /** Starts another "process": its own messenger instance, pacer and runner on the same database. */
  process(name: string, options?: Partial<OrchestratorOptions> & { limits?: PlatformLimits }): Orchestrator;
  /** Inserts a round (scheduled, opening now unless told) and enqueues its plan. */
  createRound(overrides?: Partial<Round>): Promise<Round>;
  enqueue(job: Pick<Job, 'kind' | 'key' | 'payload'> & { runAt?: Date }): Promise<boolean>;
  /**
   * Runs the processes until nothing is due, moving the clock to the next job's runAt, but never
   * past `until`. Returns the number of jobs run.
   */
  drain(processes: Orchestrator[], until: Date): Promise<number>;
  jobs(): Promise<Job[]>;
  close(): Promise<void>;
}

export async function createWorld(
  options: { platform?: Omit<PlatformOptions, 'clock'>; settings?: Partial<TenantSettings>; now?: Date; limits?: PlatformLimits } = {},
): Promise<World> {
  const db = await openTestDatabase();
  const clock = new FakeClock(options.now ?? TEST_NOW);
  const platform = new FakePlatform({ clock, reliable: [COORDINATOR], ...options.platform });
  const limits = options.limits ?? { perConversationPerSecond: 1, perTenantPerSecond: 20 };
  const tenant = await db.repos.tenants.ensure(
    {
      id: TENANT_ID,
      platform: 'playground',
      externalId: 'demo',
      settings: defaultTenantSettings({ coordinators: [COORDINATOR], quietHours: ALWAYS_OPEN, teamChannel: { id: 'C-team', name: 'team' }, ...options.settings }),
    },
    clock.now(),
  );
  let seq = 0;
  const world: World = {
    db,
    repos: db.repos,
    clock,
    platform,
    tenant,
    process(name, processOptions = {}) {
      const messengers = new MessengerRegistry();
      messengers.register(new FakeMessenger(platform, processOptions.limits ?? limits, name));
      return createOrchestrator({
        repos: db.repos,
        messengers,
        logger: silent,
        clock,
        sleep: clock.sleep,
        // No real chart unless a test asks for one (rasterising takes a moment).
        renderChart: async () => undefined,
        respondentSecret: TEST_RESPONDENT_SECRET,
        ...processOptions,
        runner: { owner: name, concurrency: 4, maxAttempts: 10, backoff: { baseMs: 1_000, maxMs: 60_000, jitter: 0.5 }, ...processOptions.runner },
      });
    },
    async createRound(overrides = {}) {
      seq++;
      const round = makeRound({
        id: `round-${seq}`,
        tenantId: TENANT_ID,
        state: 'scheduled',
        opensAt: clock.now(),
        closesAt: new Date(clock.now().getTime() + 14 * 86_400_000),
        openedAt: undefined,
        createdBy: COORDINATOR,
        moderation: false,
        ...overrides,
      });
      await db.repos.rounds.insert(round);
      for (const spec of planRoundJobs(round)) await db.repos.jobs.enqueue(spec, clock.now());
      return round;
    },
    enqueue(job) {
      return db.repos.jobs.enqueue({ tenantId: TENANT_ID, runAt: clock.now(), ...job }, clock.now());
    },
    async drain(processes, until) {
      let ran = 0;
      for (let step = 0; step < 10_000; step++) {
        const now = clock.now();
        const step = (await Promise.all(processes.map((p) => p.runUntilIdle()))).reduce((a, b) => a + b, 0);
        ran += step;
        const next = await db.db.collection('jobs').find({ status: 'pending', runAt: { $gt: now } }).sort({ runAt: 1 }).limit(1).next();
        const runAt = next?.runAt as Date | undefined;
        // Nothing ran and nothing is due later: what is left is for other kinds of runner.
        if (!runAt || runAt > until) {
          if (step === 0) return ran;
          continue;
        }
        clock.set(runAt);
      }
      throw new Error('drain did not settle in 10,000 steps');
    },
    async jobs() {
      return (await db.db.collection('jobs').find({}).toArray()) as unknown as Job[];
    },
    close: () => db.close(),
  };
  return world;
}

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
