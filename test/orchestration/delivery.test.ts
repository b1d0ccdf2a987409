import { roundProgress } from '../../src/core/round-progress';
import { t } from '../../src/i18n';
import { invitationIdempotencyKey } from '../../src/orchestration/handlers/deliver-invitation';
import { tenantBurst } from '../../src/orchestration/pacing';
import { createWorld, DAY, people, type World } from './harness';

/** Every invited person got exactly one invitation, or none and is recorded as undeliverable. */
async function expectExactlyOnce(world: World, roundId: string, members: string[]) {
  const participations = await world.repos.participations.listByRound(roundId);
  expect(participations.map((p) => p.platformUserId).sort()).toEqual([...members].sort());
  for (const p of participations) {
    const count = world.platform.count(p.platformUserId, 'invitation');
    if (p.status === 'undeliverable') {
      expect({ user: p.platformUserId, count }).toEqual({ user: p.platformUserId, count: 0 });
      expect(p.undeliverableReason).toEqual(expect.any(String));
    } else {
      expect({ user: p.platformUserId, count, status: p.status }).toEqual({ user: p.platformUserId, count: 1, status: 'delivered' });
      expect(p.invitationMessageId).toBe(world.platform.messagesTo(p.platformUserId, 'invitation')[0]!.messageId);
    }
  }
}

describe('delivering a round’s invitations', () => {
  let world: World;
  afterEach(() => world?.close());

  it('with seeded random retryable and permanent failures and an enforced rate limit: each person exactly once, or recorded as unreachable', async () => {
    world = await createWorld({
      platform: { seed: 4242, retryableRate: 0.25, permanentRate: 0.1, enforced: { perConversationPerSecond: 1, perTenantPerSecond: 5 } },
      // The process believes it may send twice as fast as the platform allows: it meets real 429s.
      limits: { perConversationPerSecond: 1, perTenantPerSecond: 10 },
    });
    const members = people(80);
    world.platform.members = members;
    const round = await world.createRound();
    const orchestrator = world.process('p1');
    await world.drain([orchestrator], new Date(round.opensAt.getTime() + DAY));

    await expectExactlyOnce(world, round.id, members);
    const outcomes = world.platform.attempts.map((a) => a.outcome);
    // The run really went through every kind of trouble.
    expect(outcomes.filter((o) => o === 'retryable').length).toBeGreaterThan(5);
    expect(outcomes.filter((o) => o === '429').length).toBeGreaterThan(0);
    const undeliverable = await world.repos.participations.listUndeliverable(round.id);
    expect(undeliverable.length).toBeGreaterThan(0);
    for (const p of undeliverable) expect(['user_left', 'bot_blocked', 'not_installed']).toContain(p.undeliverableReason);
    // A permanent failure is never retried.
    for (const p of undeliverable) expect(world.platform.attempts.filter((a) => a.to === p.platformUserId && a.outcome === 'permanent')).toHaveLength(1);
    // The coordinator's progress shows them.
    const progress = await roundProgress(world.repos, round);
    expect(progress).toMatchObject({ invited: 80, delivered: 80 - undeliverable.length, undeliverable: undeliverable.length, pending: 0 });
    // No work is left behind.
    const jobs = await world.jobs();
    expect(jobs.filter((j) => j.kind === 'deliver-invitation' && j.status !== 'done')).toEqual([]);
  });

  it('an invitation that keeps failing is given up after the last attempt and recorded as unreachable ("other")', async () => {
    world = await createWorld({ platform: { seed: 3, retryableRate: 1 } });
    world.platform.members = ['U1', 'U2'];
    const round = await world.createRound();
    await world.drain([world.process('p1', { runner: { maxAttempts: 3 } })], new Date(round.opensAt.getTime() + DAY));
    const undeliverable = await world.repos.participations.listUndeliverable(round.id);
    expect(undeliverable.map((p) => [p.platformUserId, p.undeliverableReason])).toEqual([
      ['U1', 'other'],
      ['U2', 'other'],
    ]);
    expect(world.platform.attempts.filter((a) => a.to === 'U1')).toHaveLength(3);
    expect(world.platform.delivered).toHaveLength(0);
  });

  it('sends the invitation with a stable idempotency key, in the round’s language', async () => {
    world = await createWorld();
    world.platform.members = ['U1', 'U2'];
    const round = await world.createRound({ language: 'en' });
    await world.drain([world.process('p1')], new Date(round.opensAt.getTime() + DAY));
    const [message] = world.platform.messagesTo('U1', 'invitation');
    expect(message!.idempotencyKey).toBe(invitationIdempotencyKey(round.id, 'U1'));
    expect(message!.message).toMatchObject({ kind: 'invitation', view: { roundId: round.id, lang: 'en', greeting: t('en', 'survey:invitation.greeting') } });
  });

  it('paces itself: never more than the announced rate per tenant, never two messages a second into one conversation', async () => {
    world = await createWorld({ platform: { enforced: { perConversationPerSecond: 1, perTenantPerSecond: 5 } }, limits: { perConversationPerSecond: 1, perTenantPerSecond: 5 } });
    world.platform.members = people(40);
    const round = await world.createRound();
    await world.drain([world.process('p1')], new Date(round.opensAt.getTime() + DAY));
    // Paced to the platform's own numbers, the platform never had to say no.
    expect(world.platform.rateLimited).toBe(0);
    const times = world.platform.delivered.map((d) => d.at).sort((a, b) => a - b);
    expect(times).toHaveLength(40);
    // A token bucket: at most the rate plus the burst in any one-second window, and 40 sends take
    // about (40 − burst) / 5 seconds, not much more.
    const limits = { perConversationPerSecond: 1, perTenantPerSecond: 5 };
    for (let i = 0; i < times.length; i++) expect(times.filter((x) => x >= times[i]! && x < times[i]! + 1000).length).toBeLessThanOrEqual(5 + tenantBurst(limits));
    expect(times[39]! - times[0]!).toBeLessThanOrEqual(((40 - tenantBurst(limits)) / 5) * 1000 + 1000);
  });

  it('a 429 pauses the whole tenant for its retry-after, not only the job that met it', async () => {
    world = await createWorld({ platform: { seed: 7, retryableRate: 0, retryAfterMs: 30_000 } });
    world.platform.members = people(10);
    const round = await world.createRound();
    const orchestrator = world.process('p1', { runner: { concurrency: 1 } });
    await orchestrator.pacer.pause(world.tenant.id, world.clock.now().getTime() + 30_000, world.clock.now().getTime());
    await world.drain([orchestrator], new Date(round.opensAt.getTime() + DAY));
    expect(Math.min(...world.platform.delivered.map((d) => d.at))).toBeGreaterThanOrEqual(round.opensAt.getTime() + 30_000);
    expect(world.platform.delivered).toHaveLength(10);
  });

  it('opening resolves the audience once; a second open job changes nothing', async () => {
    world = await createWorld();
    world.platform.members = people(5);
    const round = await world.createRound();
    const p1 = world.process('p1');
    await world.drain([p1], new Date(round.opensAt.getTime() + DAY));
    world.platform.members = people(9); // the channel changed since
    await world.enqueue({ kind: 'open-round', key: `open:${round.id}:again`, payload: { roundId: round.id } });
    await world.drain([p1], new Date(round.opensAt.getTime() + DAY));
    expect(world.platform.audienceCalls).toBe(1);
    expect(await world.repos.participations.listByRound(round.id)).toHaveLength(5);
    expect(world.platform.delivered).toHaveLength(5);
    expect((await world.repos.rounds.get(round.id))!.state).toBe('open');
  });

  it('a cancelled round invites nobody; an audience without members tells the coordinator', async () => {
    world = await createWorld();
    world.platform.members = people(3);
    const cancelled = await world.createRound();
    await world.repos.rounds.transition(cancelled.id, 'scheduled', 'cancelled', { cancelledAt: world.clock.now() });
    const p1 = world.process('p1');
    await world.drain([p1], new Date(world.clock.now().getTime() + DAY));
    expect(world.platform.delivered).toHaveLength(0);

    world.platform.members = [];
    const empty = await world.createRound({ title: 'Nobody here' });
    await world.drain([p1], new Date(world.clock.now().getTime() + DAY));
    expect((await world.repos.rounds.get(empty.id))!.state).toBe('open');
    const notices = world.platform.messagesTo('U-coord', 'notice');
    expect(notices).toHaveLength(1);
    expect(notices[0]!.message).toMatchObject({ kind: 'notice', view: { title: t('nl', 'orchestration:audienceEmpty.title', { title: 'Nobody here' }) } });
  });
});
