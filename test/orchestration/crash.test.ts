import { createWorld, DAY, people, type World } from './harness';

/**
 * "Killed mid-delivery": a runner stops (or dies) while a send is in flight, and another runner on
 * the same database carries on. Also two runners at the same time. Invitations must still go out
 * exactly once. Unless a test says otherwise, the simulated platform does NOT honour idempotency
 * keys, so these runs show what the leases alone guarantee.
 */
describe('restarts and concurrent runners', () => {
  let world: World;
  afterEach(() => world?.close());

  const untilTomorrow = () => new Date(world.clock.now().getTime() + DAY);

  async function expectEveryoneOnce(roundId: string, members: string[]) {
    for (const user of members) expect({ user, count: world.platform.count(user, 'invitation') }).toEqual({ user, count: 1 });
    const counts = await world.repos.participations.countByStatus(roundId);
    expect(counts).toEqual({ delivered: members.length });
  }

  it('a runner that dies before its send reached the platform: the next runner delivers it once', async () => {
    world = await createWorld();
    const members = people(12);
    world.platform.members = members;
    const round = await world.createRound();
    const hang = world.platform.hang(members[5]!, false);
    const a = world.process('A', { runner: { leaseMs: 30_000, concurrency: 2 } });
    const running = a.runUntilIdle();
    await hang.started;
    a.runner.kill();
    await running;
    // The dead runner's lease must run out before anyone else may take the job.
    const b = world.process('B', { runner: { leaseMs: 30_000 } });
    await b.runUntilIdle();
    expect(world.platform.count(members[5]!, 'invitation')).toBe(0);
    world.clock.advance(31_000);
    await world.drain([b], untilTomorrow());
    await expectEveryoneOnce(round.id, members);
  });

  it('a runner that dies after the platform accepted the message but before recording it: the idempotency key prevents a second one', async () => {
    world = await createWorld({ platform: { honoursIdempotency: true } });
    const members = people(12);
    world.platform.members = members;
    const round = await world.createRound();
    const hang = world.platform.hang(members[3]!, true);
    const a = world.process('A', { runner: { leaseMs: 30_000 } });
    const running = a.runUntilIdle();
    await hang.started;
    a.runner.kill();
    await running;
    world.clock.advance(31_000);
    await world.drain([world.process('B', { runner: { leaseMs: 30_000 } })], untilTomorrow());
    await expectEveryoneOnce(round.id, members);
    expect(world.platform.attempts.filter((x) => x.to === members[3] && x.outcome === 'deduplicated')).toHaveLength(1);
    // The message id of the first (and only) message is the one recorded.
    expect((await world.repos.participations.get(round.id, members[3]!))!.invitationMessageId).toBe(world.platform.messagesTo(members[3]!)[0]!.messageId);
  });

  it('…and without an adapter that honours the key that crash window would send twice: the guarantee rests on it', async () => {
    world = await createWorld({ platform: { honoursIdempotency: false } });
    world.platform.members = people(3);
    await world.createRound();
    const hang = world.platform.hang('U0002', true);
    const a = world.process('A', { runner: { leaseMs: 30_000 } });
    const running = a.runUntilIdle();
    await hang.started;
    a.runner.kill();
    await running;
    world.clock.advance(31_000);
    await world.drain([world.process('B', { runner: { leaseMs: 30_000 } })], untilTomorrow());
    expect(world.platform.count('U0002', 'invitation')).toBe(2);
  });

  it('a runner that dies after recording the delivery but before completing the job: the rerun sends nothing', async () => {
    world = await createWorld();
    const members = people(6);
    world.platform.members = members;
    const round = await world.createRound();
    // A's completions never reach the store, as if it died right after each handler finished.
    const lostCompletions = { ...world.repos, jobs: { ...world.repos.jobs, complete: async () => true } };
    await world.process('A', { repos: lostCompletions, runner: { leaseMs: 30_000 } }).runUntilIdle();
    expect(world.platform.delivered).toHaveLength(6);
    expect((await world.jobs()).filter((j) => j.kind === 'deliver-invitation' && j.status === 'running')).toHaveLength(6);
    world.clock.advance(31_000);
    const ran = await world.drain([world.process('B')], untilTomorrow());
    expect(ran).toBeGreaterThanOrEqual(6);
    await expectEveryoneOnce(round.id, members);
  });

  it('someone who opted out (e.g. from App Home) before their invitation went out gets none', async () => {
    world = await createWorld();
    world.platform.members = people(3);
    const round = await world.createRound();
    await world.drain([world.process('opener', { runner: { kinds: ['open-round'] } })], untilTomorrow());
    await world.repos.participations.advance(round.id, 'U0002', 'opted_out', {}, world.clock.now());
    await world.drain([world.process('B')], untilTomorrow());
    expect(world.platform.count('U0002', 'invitation')).toBe(0);
    expect(world.platform.count('U0001', 'invitation')).toBe(1);
  });

  it('a runner stopped in the middle of a fan-out finishes its sends first; another runner does the rest', async () => {
    world = await createWorld({ limits: { perConversationPerSecond: 1, perTenantPerSecond: 2 } });
    const members = people(30);
    world.platform.members = members;
    const round = await world.createRound();
    const a = world.process('A');
    a.start();
    // Let it deliver some, then stop it. Time passes meanwhile: the fan-out is due a second's worth at a time.
    while (world.platform.delivered.length < 5) {
      world.clock.advance(50);
      await new Promise((r) => setTimeout(r, 5));
    }
    await a.stop();
    expect(a.runner.busy).toBe(0);
    const byA = world.platform.delivered.length;
    expect(byA).toBeLessThan(members.length);
    const jobs = await world.jobs();
    expect(jobs.filter((j) => j.status === 'running')).toEqual([]); // stop() left nothing leased
    await world.drain([world.process('B')], untilTomorrow());
    await expectEveryoneOnce(round.id, members);
    expect(world.platform.delivered.filter((d) => d.via === 'B').length).toBe(members.length - byA);
  });

  it('two runners at the same time on the same database, with failures injected: still exactly once', async () => {
    world = await createWorld({
      platform: { seed: 99, retryableRate: 0.2, enforced: { perConversationPerSecond: 1, perTenantPerSecond: 20 } },
      limits: { perConversationPerSecond: 1, perTenantPerSecond: 20 },
    });
    const members = people(120);
    world.platform.members = members;
    const round = await world.createRound();
    // Open the round first, so both runners find the whole fan-out due at once.
    await world.drain([world.process('opener', { runner: { kinds: ['open-round'] } })], untilTomorrow());
    // The fan-out is due a second's worth at a time (src/orchestration/fan-out.ts): let it all come due.
    world.clock.advance(120_000 / 20);
    // Each worker waits for its slot holding its job, so both runners send side by side: with the
    // short default, runUntilIdle's B goes idle whenever A holds the next slots, and A sends alone.
    const a = world.process('A', { maxInlineWaitMs: 5_000 });
    const b = world.process('B', { maxInlineWaitMs: 5_000 });
    await world.drain([a, b], untilTomorrow());
    await expectEveryoneOnce(round.id, members);
    // Both really worked.
    expect(world.platform.delivered.filter((d) => d.via === 'A').length).toBeGreaterThan(10);
    expect(world.platform.delivered.filter((d) => d.via === 'B').length).toBeGreaterThan(10);
  });

  it('two started runners (real polling loops) on the same database: still exactly once', async () => {
    world = await createWorld();
    const members = people(60);
    world.platform.members = members;
    const round = await world.createRound();
    const a = world.process('A', { runner: { pollIntervalMs: 5 } });
    const b = world.process('B', { runner: { pollIntervalMs: 5 } });
    a.start();
    b.start();
    const deadline = Date.now() + 20_000;
    // Time passes meanwhile: the fan-out is due a second's worth at a time.
    while ((await world.repos.participations.countByStatus(round.id)).delivered !== members.length && Date.now() < deadline) {
      world.clock.advance(100);
      await new Promise((r) => setTimeout(r, 20));
    }
    await Promise.all([a.stop(), b.stop()]);
    await expectEveryoneOnce(round.id, members);
  });

  it('a runner that lost its lease while it waited (paced, or frozen) does not send: it checks the lease right before the send', async () => {
    world = await createWorld();
    world.platform.members = ['U1'];
    const round = await world.createRound();
    // Opens the round, which enqueues the delivery.
    await world.drain([world.process('opener', { runner: { kinds: ['open-round'] } })], new Date(round.opensAt.getTime()));
    let wakeA!: () => void;
    const asleep = new Promise<void>((resolve) => {
      const a = world.process('A', {
        runner: { leaseMs: 10_000, heartbeatMs: 3_600_000 },
        maxInlineWaitMs: 60_000,
        // A's pacing wait ends only when the test says so: the process is "frozen" meanwhile.
        sleep: () => new Promise<void>((wake) => ((wakeA = wake), resolve())),
      });
      void a.pacer
        .pause(world.tenant.id, world.clock.now().getTime() + 5_000, world.clock.now().getTime())
        .then(() => a.runUntilIdle())
        .then((ran) => expect(ran).toBe(1));
    });
    await asleep;
    world.clock.advance(11_000);
    await world.drain([world.process('B')], untilTomorrow());
    expect(world.platform.count('U1', 'invitation')).toBe(1);
    wakeA();
    await new Promise((r) => setTimeout(r, 50));
    expect(world.platform.count('U1', 'invitation')).toBe(1);
    expect(world.platform.delivered.map((d) => d.via)).toEqual(['B']);
    const [job] = (await world.jobs()).filter((j) => j.kind === 'deliver-invitation');
    expect(job!.status).toBe('done');
  });
});
