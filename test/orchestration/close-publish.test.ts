import type { RoundSummary } from '../../src/core/summary';
import type { NoticeView } from '../../src/core/views/types';
import { t } from '../../src/i18n';
import { renderChartPng } from '../../src/orchestration/summary-snapshot';
import { chartAltText } from '../../src/render/chart';
import { createWorld, DAY, HOUR, people, type World } from './harness';

describe('closing and publishing', () => {
  let world: World;
  afterEach(() => world?.close());

  const channelPosts = () => world.platform.delivered.filter((d) => d.channel);
  const notices = (to = 'U-coord') => world.platform.messagesTo(to, 'notice').map((d) => (d.message as { view: NoticeView }).view);

  /** Six colleagues answer dimension X, each with two open answers. */
  async function answer(roundId: string) {
    const now = world.clock.now();
    for (let i = 1; i <= 6; i++) {
      const key = `respondent-${i}`;
      await world.repos.responses.saveAnswers(roundId, key, { 'X-global': 4, 'X-s1': 5, 'X-s2': 4, 'X-s3': 3, 'X-strengths': `strength ${i}`, 'X-priorities': `priority ${i}` }, now);
      await world.repos.responses.markSectionSubmitted(roundId, key, 'X', false, now);
    }
  }

  it('without moderation: closes at the closing time, posts the summary to the team channel once, and tells the coordinator', async () => {
    world = await createWorld();
    world.platform.members = people(8);
    const round = await world.createRound({ moderation: false, reminderHours: [] });
    const p1 = world.process('p1', { renderChart: async () => Buffer.from('png-bytes') });
    await world.drain([p1], new Date(round.opensAt.getTime() + HOUR));
    await answer(round.id);
    await world.drain([p1], new Date(round.closesAt.getTime() + DAY));

    const stored = await world.repos.rounds.get(round.id);
    expect(stored!.state).toBe('published');
    expect(stored!.closedAt!.getTime()).toBeGreaterThanOrEqual(round.closesAt.getTime());
    const posts = channelPosts();
    expect(posts).toHaveLength(1);
    expect(posts[0]!.to).toBe('C-team');
    const post = posts[0]!.message as { kind: 'summary'; summary: RoundSummary; chart?: { png: Buffer; altText: string } };
    expect(post.kind).toBe('summary');
    expect(post.summary.round.id).toBe(round.id);
    expect(post.summary.responseRate).toMatchObject({ invited: 8 });
    expect(post.chart!.png.toString()).toBe('png-bytes');
    expect(post.chart!.altText).toBe(chartAltText(post.summary, 'nl'));
    const summary = await world.repos.summaries.get(round.id);
    expect(summary!.publishedAt).toEqual(stored!.publishedAt);
    expect(await world.repos.quotes.listByRound(round.id)).toHaveLength(12);
    const [closed] = notices();
    expect(closed!.title).toBe(t('nl', 'orchestration:closed.title', { title: round.title }));
    expect(closed!.text).toContain(t('nl', 'orchestration:closed.completed', { completed: 0, invited: 8 }));
    expect(closed!.text).toContain(t('nl', 'orchestration:closed.publishing', { channel: '#team' }));
    expect(closed!.action).toBeUndefined();

    // "Close now" after the fact, and a second publish: nothing changes, nothing is posted again.
    const computedAt = summary!.computedAt;
    await world.enqueue({ kind: 'close-round', key: `close:${round.id}:now`, payload: { roundId: round.id } });
    await world.enqueue({ kind: 'publish-summary', key: `publish:${round.id}:again`, payload: { roundId: round.id } });
    await world.drain([p1], new Date(world.clock.now().getTime() + DAY));
    expect(channelPosts()).toHaveLength(1);
    expect(notices()).toHaveLength(1);
    expect((await world.repos.summaries.get(round.id))!.computedAt).toEqual(computedAt);
    // Everyone invited heard once that the results are out, with thanks — answered or not.
    const invited = (await world.repos.participations.listByRound(round.id)).map((p) => p.platformUserId);
    expect(invited).toHaveLength(8);
    for (const user of invited) {
      const results = notices(user).filter((v) => v.title === t('nl', 'orchestration:results.title', { title: round.title }));
      expect(results).toHaveLength(1);
      expect(results[0]!.text).toContain('Bedankt');
      expect(results[0]!.text).toContain('#team');
    }
    expect(await world.repos.quotes.listByRound(round.id)).toHaveLength(12);
  });

  it('renders the real chart at closing and posts it with its alt text', async () => {
    world = await createWorld();
    world.platform.members = people(6);
    const round = await world.createRound({ moderation: false, reminderHours: [] });
    const p1 = world.process('p1', { renderChart: renderChartPng });
    await world.drain([p1], new Date(round.opensAt.getTime() + HOUR));
    await answer(round.id);
    await world.drain([p1], new Date(round.closesAt.getTime() + DAY));
    const post = channelPosts()[0]!.message as { kind: 'summary'; summary: RoundSummary; chart?: { png: Buffer; altText: string } };
    expect(post.chart!.png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(post.chart!.altText).toContain(round.title);
    expect((await world.repos.summaries.get(round.id))!.chartPng!.equals(post.chart!.png)).toBe(true);
  });

  it('with moderation: closes, keeps the summary back and tells the coordinator it waits for review; publishing later posts it once', async () => {
    world = await createWorld({ platform: { unreachable: { U0003: 'bot_blocked' } } });
    world.platform.members = people(5);
    const round = await world.createRound({ moderation: true, reminderHours: [] });
    const p1 = world.process('p1');
    await world.drain([p1], new Date(round.closesAt.getTime() + DAY));

    expect((await world.repos.rounds.get(round.id))!.state).toBe('closed');
    expect(channelPosts()).toHaveLength(0);
    const summary = await world.repos.summaries.get(round.id);
    expect(summary).not.toBeNull();
    expect(summary!.publishedAt).toBeUndefined();
    const [closed] = notices();
    expect(closed!.text).toContain(t('nl', 'orchestration:closed.review', { title: round.title }));
    expect(closed!.text).toContain(t('nl', 'orchestration:unreachable', { count: 1 }));
    expect(closed!.action).toEqual({ id: 'moderate', label: t('nl', 'orchestration:actions.review'), roundId: round.id });
    expect((await world.jobs()).filter((j) => j.kind === 'publish-summary')).toEqual([]);

    // The coordinator publishes (CoordinatorService.publish enqueues this job).
    await world.enqueue({ kind: 'publish-summary', key: `publish:${round.id}`, payload: { roundId: round.id } });
    await world.drain([p1], new Date(world.clock.now().getTime() + HOUR));
    expect(channelPosts()).toHaveLength(1);
    expect((await world.repos.rounds.get(round.id))!.state).toBe('published');
    await world.enqueue({ kind: 'publish-summary', key: `publish:${round.id}:twice`, payload: { roundId: round.id } });
    await world.drain([p1], new Date(world.clock.now().getTime() + HOUR));
    expect(channelPosts()).toHaveLength(1);
  });

  it('a crash between posting the summary and recording it: the retry does not post twice', async () => {
    world = await createWorld({ platform: { honoursIdempotency: true } });
    world.platform.members = people(3);
    const round = await world.createRound({ moderation: true, reminderHours: [] });
    await world.drain([world.process('p0')], new Date(round.closesAt.getTime() + DAY));
    const hang = world.platform.hang('C-team', true);
    await world.enqueue({ kind: 'publish-summary', key: `publish:${round.id}`, payload: { roundId: round.id } });
    const a = world.process('A', { runner: { leaseMs: 30_000 } });
    const running = a.runUntilIdle();
    await hang.started;
    a.runner.kill();
    await running;
    expect((await world.repos.rounds.get(round.id))!.state).toBe('closed');
    world.clock.advance(31_000);
    await world.drain([world.process('B')], new Date(world.clock.now().getTime() + HOUR));
    expect(channelPosts()).toHaveLength(1);
    expect((await world.repos.rounds.get(round.id))!.state).toBe('published');
  });

  it('two publications of one round at once (the closing one and a coordinator\'s, two processes): one post', async () => {
    // No idempotency at the platform: a second post would show.
    world = await createWorld();
    world.platform.members = people(3);
    const round = await world.createRound({ moderation: true, reminderHours: [] });
    await world.drain([world.process('p0')], new Date(round.closesAt.getTime() + DAY));
    const hang = world.platform.hang('C-team', true);
    await world.enqueue({ kind: 'publish-summary', key: `publish:${round.id}`, payload: { roundId: round.id } });
    await world.enqueue({ kind: 'publish-summary', key: `publish:${round.id}:manual`, payload: { roundId: round.id } });
    const a = world.process('A');
    const b = world.process('B');
    const first = a.runUntilIdle();
    const second = b.runUntilIdle();
    await hang.started;
    // The first publisher's post is in and its answer still on the way: the other publisher
    // finds the round being published and waits instead of posting a second summary.
    await second;
    expect(channelPosts()).toHaveLength(1);
    const waiting = (await world.jobs()).filter((j) => j.kind === 'publish-summary' && j.status === 'pending');
    expect(waiting).toHaveLength(1);
    expect(waiting[0]!.runAt.getTime()).toBeGreaterThan(world.clock.now().getTime());
    // (The hang ends as a lost answer, which the retry repeats: the Slack adapter finds its own
    // post then, see test/slack/messenger.test.ts; this fake platform does not.)
    hang.release();
    await first;
    await world.drain([a, b], new Date(world.clock.now().getTime() + HOUR));
    expect((await world.repos.rounds.get(round.id))!.state).toBe('published');
  });

  it('closing early cancels invitations and reminders that have not gone out', async () => {
    // Opens on Saturday: the invitations wait for Monday; the coordinator closes on Sunday.
    world = await createWorld({ now: new Date('2026-03-07T10:00:00Z'), settings: { quietHours: { start: '08:00', end: '18:00', days: [1, 2, 3, 4, 5] } } });
    world.platform.members = people(4);
    const round = await world.createRound({ moderation: true });
    const p1 = world.process('p1');
    await world.drain([p1], new Date('2026-03-07T12:00:00Z'));
    expect(world.platform.delivered).toHaveLength(0);
    await world.enqueue({ kind: 'close-round', key: `close:${round.id}:now`, payload: { roundId: round.id } });
    await world.drain([p1], new Date('2026-03-20T12:00:00Z'));
    expect((await world.repos.rounds.get(round.id))!.state).toBe('closed');
    expect(world.platform.delivered.filter((d) => d.message.kind !== 'notice')).toEqual([]);
    const left = (await world.jobs()).filter((j) => j.status === 'pending' || j.status === 'running');
    // Only the planned close is still ahead; it will find the round closed and change nothing.
    expect(left.map((j) => j.key)).toEqual([`close:${round.id}`]);
  });

  it('without a team channel nothing is posted and the coordinator is told to choose one', async () => {
    world = await createWorld({ settings: { teamChannel: undefined } });
    world.platform.members = people(2);
    const round = await world.createRound({ moderation: false, reminderHours: [] });
    await world.drain([world.process('p1')], new Date(round.closesAt.getTime() + DAY));
    expect((await world.repos.rounds.get(round.id))!.state).toBe('closed');
    expect(channelPosts()).toHaveLength(0);
    expect(notices()[0]!.text).toContain(t('nl', 'orchestration:closed.noChannel'));
    expect(notices()[0]!.tone).toBe('warning');
  });

  it('a channel the bot cannot post to: the coordinator hears why, the round stays closed', async () => {
    world = await createWorld({ platform: { unreachable: {} } });
    world.platform.members = people(2);
    const round = await world.createRound({ moderation: false, reminderHours: [] });
    const messengerPost = world.platform.send.bind(world.platform);
    world.platform.send = async (tenant, to, channel, message, options, via) =>
      channel ? { ok: false, retryable: false, reason: 'channel_not_found', detail: 'not_in_channel' } : messengerPost(tenant, to, channel, message, options, via);
    await world.drain([world.process('p1')], new Date(round.closesAt.getTime() + DAY));
    expect((await world.repos.rounds.get(round.id))!.state).toBe('closed');
    const failed = notices().find((n) => n.tone === 'error');
    expect(failed!.title).toBe(t('nl', 'orchestration:publishFailed.title', { title: round.title }));
    expect(failed!.text).toContain(t('nl', 'survey:undeliverable.channel_not_found'));
    const [publish] = (await world.jobs()).filter((j) => j.kind === 'publish-summary');
    expect(publish!.status).toBe('failed');
  });
});
