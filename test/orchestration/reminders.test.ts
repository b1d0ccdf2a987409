import { DateTime } from 'luxon';
import { DEFAULT_QUIET_HOURS } from '../../src/core/tenant';
import type { ReminderView } from '../../src/core/views/types';
import { t } from '../../src/i18n';
import { isAllowedMoment } from '../../src/orchestration/quiet-hours';
import { respondentKey } from '../../src/core/response';
import type { Round } from '../../src/core/round';
import { createWorld, DAY, HOUR, people, TEST_RESPONDENT_SECRET, type World } from './harness';

const BRUSSELS = 'Europe/Brussels';
const brussels = (iso: string) => DateTime.fromISO(iso, { zone: BRUSSELS }).toJSDate();


/** A person saves sections of their response (through their respondent key, as the core does): one, or all of them. */
async function answer(w: World, round: Round, user: string, how: 'one' | 'all'): Promise<void> {
  const key = respondentKey(TEST_RESPONDENT_SECRET, round.id, user);
  const sections = [...round.dimensionIds, ...(round.includeReflection ? ['reflection'] : [])];
  const saved = how === 'all' ? sections : sections.slice(0, 1);
  for (const [i, section] of saved.entries()) await w.repos.responses.markSectionSubmitted(round.id, key, section, how === 'all' && i === saved.length - 1, w.clock.now());
}

describe('quiet hours (default 08:00–18:00 on weekdays, Europe/Brussels)', () => {
  let world: World;
  afterEach(() => world?.close());

  it('invitations stop at 18:00 on Friday and the rest go out on Monday from 08:00, across the DST change', async () => {
    // Friday 27 March 2026, 17:59:50; clocks go forward on Sunday 29 March.
    world = await createWorld({
      now: brussels('2026-03-27T17:59:50'),
      settings: { quietHours: DEFAULT_QUIET_HOURS },
      limits: { perConversationPerSecond: 1, perTenantPerSecond: 1 },
    });
    const members = people(30);
    world.platform.members = members;
    const round = await world.createRound();
    await world.drain([world.process('p1')], brussels('2026-03-30T12:00'));

    for (const user of members) expect(world.platform.count(user, 'invitation')).toBe(1);
    const times = world.platform.delivered.map((d) => new Date(d.at));
    for (const at of times) expect({ at, allowed: isAllowedMoment(at, DEFAULT_QUIET_HOURS, BRUSSELS) }).toEqual({ at, allowed: true });
    const friday = times.filter((d) => d < brussels('2026-03-28T00:00'));
    const monday = times.filter((d) => d >= brussels('2026-03-30T00:00'));
    expect(friday.length).toBeGreaterThan(0);
    expect(friday.length).toBeLessThanOrEqual(10);
    expect(friday.length + monday.length).toBe(30);
    // Monday 08:00 in Brussels is 06:00 UTC after the change (07:00 UTC before it).
    // (The fake clock's virtual sleeps may put the first one a second or two after 08:00.)
    const firstMonday = Math.min(...monday.map((d) => d.getTime()));
    expect(firstMonday).toBeGreaterThanOrEqual(Date.parse('2026-03-30T06:00:00Z'));
    expect(firstMonday).toBeLessThan(Date.parse('2026-03-30T06:00:05Z'));
    expect((await world.repos.participations.countByStatus(round.id)).delivered).toBe(30);
  });

  it('a reminder due in the evening goes out the next morning at 08:00', async () => {
    // Opens Monday 9 March 10:00; closes Thursday 12 March 20:00; the 24 h reminder falls on Wednesday 20:00.
    world = await createWorld({ now: brussels('2026-03-09T10:00'), settings: { quietHours: DEFAULT_QUIET_HOURS } });
    world.platform.members = people(3);
    const round = await world.createRound({ closesAt: brussels('2026-03-12T20:00'), reminderHours: [24] });
    await world.drain([world.process('p1')], brussels('2026-03-12T12:00'));
    const reminders = world.platform.delivered.filter((d) => d.message.kind === 'reminder');
    expect(reminders).toHaveLength(3);
    for (const r of reminders) expect(DateTime.fromMillis(r.at, { zone: BRUSSELS }).toFormat('ccc HH:mm')).toBe('Thu 08:00');
    expect(round.reminderHours).toEqual([24]);
  });

  it('a reminder that would have to wait past the closing time is never sent', async () => {
    // Closes Monday 9 March 07:30, before working hours; the 24 h reminder falls on Sunday.
    world = await createWorld({ now: brussels('2026-03-02T10:00'), settings: { quietHours: DEFAULT_QUIET_HOURS } });
    world.platform.members = people(4);
    const round = await world.createRound({ closesAt: brussels('2026-03-09T07:30'), reminderHours: [24] });
    await world.drain([world.process('p1')], brussels('2026-03-10T12:00'));
    expect(world.platform.delivered.filter((d) => d.message.kind === 'invitation')).toHaveLength(4);
    expect(world.platform.delivered.filter((d) => d.message.kind === 'reminder')).toHaveLength(0);
    expect((await world.repos.rounds.get(round.id))!.state).not.toBe('open');
    expect((await world.jobs()).filter((j) => j.status === 'pending' || j.status === 'running')).toEqual([]);
  });
});

describe('reminders', () => {
  let world: World;
  afterEach(() => world?.close());

  const reminderView = (user: string, index = 0) => world.platform.messagesTo(user, 'reminder')[index]!.message as { kind: 'reminder'; view: ReminderView };

  it('only to people who have not finished; started and not-started texts; never after closing; at most three per person', async () => {
    world = await createWorld({ platform: { unreachable: { U0011: 'user_left' } } });
    const members = people(11);
    world.platform.members = members;
    const round = await world.createRound({ reminderHours: [72, 24] });
    const p1 = world.process('p1');
    await world.drain([p1], new Date(round.opensAt.getTime() + HOUR));
    const now = () => world.clock.now();
    const { participations } = world.repos;
    await answer(world, round, 'U0001', 'all');
    await answer(world, round, 'U0002', 'all');
    await participations.advance(round.id, 'U0003', 'opted_out', {}, now());
    await participations.advance(round.id, 'U0004', 'opted_out', {}, now());
    await answer(world, round, 'U0005', 'one');
    // U0006 only typed something and paused ("Later verder"): started too.
    await world.repos.drafts.save(round.id, respondentKey(TEST_RESPONDENT_SECRET, round.id, 'U0006'), round.dimensionIds[0]!, { note: 'half' }, 'merge', round.closesAt);
    expect((await participations.get(round.id, 'U0011'))!.status).toBe('undeliverable');

    // First planned reminder (72 h before closing).
    await world.drain([p1], new Date(round.closesAt.getTime() - 48 * HOUR));
    const reminded = () => members.filter((u) => world.platform.count(u, 'reminder') > 0);
    expect(reminded()).toEqual(['U0005', 'U0006', 'U0007', 'U0008', 'U0009', 'U0010']);
    expect(reminderView('U0005').view.text).toBe(t('nl', 'survey:reminder.started'));
    expect(reminderView('U0006').view.text).toBe(t('nl', 'survey:reminder.started'));
    expect(reminderView('U0005').view.labels.continue).toBe(t('nl', 'survey:actions.continue'));
    expect(reminderView('U0007').view.text).toBe(t('nl', 'survey:reminder.notStarted'));
    expect(reminderView('U0007').view.labels.continue).toBe(t('nl', 'survey:actions.start'));
    // It speaks only to its reader: nothing about anyone else.
    for (const user of reminded()) {
      const text = JSON.stringify(reminderView(user).view);
      for (const other of members) if (other !== user) expect(text).not.toContain(other);
    }

    // U0007 completes before the second reminder (24 h before closing): no reminder for them.
    await answer(world, round, 'U0007', 'all');
    await world.drain([p1], new Date(round.closesAt.getTime() - 12 * HOUR));
    expect(members.map((u) => world.platform.count(u, 'reminder'))).toEqual([0, 0, 0, 0, 2, 2, 1, 2, 2, 2, 0]);

    // A manual reminder: a third one; a second manual one finds everyone at the maximum.
    await world.enqueue({ kind: 'send-reminders', key: `reminders:${round.id}:manual:${now().toISOString().slice(0, 16)}`, payload: { roundId: round.id, manual: true } });
    await world.drain([p1], new Date(now().getTime() + 10 * 60_000));
    world.clock.advance(2 * 60_000);
    await world.enqueue({ kind: 'send-reminders', key: `reminders:${round.id}:manual:${now().toISOString().slice(0, 16)}`, payload: { roundId: round.id, manual: true } });
    await world.drain([p1], new Date(now().getTime() + 10 * 60_000));
    expect(members.map((u) => world.platform.count(u, 'reminder'))).toEqual([0, 0, 0, 0, 3, 3, 1, 3, 3, 3, 0]);
    expect((await participations.get(round.id, 'U0005'))!.remindersSent).toBe(3);
    // Every delivered invitation counts the reminder rounds that reached it, finished or not, so
    // the stored count does not tell who had finished.
    expect((await participations.listByRound(round.id)).map((p) => p.remindersSent)).toEqual([3, 3, 0, 0, 3, 3, 3, 3, 3, 3, 0]);

    // After closing, a reminder asks nothing of anyone.
    await world.drain([p1], new Date(round.closesAt.getTime() + DAY));
    expect((await world.repos.rounds.get(round.id))!.state).toBe('published');
    const before = world.platform.delivered.length;
    await world.enqueue({ kind: 'send-reminders', key: `reminders:${round.id}:manual:late`, payload: { roundId: round.id, manual: true } });
    await world.enqueue({ kind: 'remind', key: `remind:${round.id}:late:U0008`, payload: { roundId: round.id, platformUserId: 'U0008', reminder: 'late' } });
    await world.drain([p1], new Date(now().getTime() + DAY));
    expect(world.platform.delivered.length).toBe(before);
  });

  it('someone who completes or opts out after the fan-out, before their reminder goes out, gets none', async () => {
    world = await createWorld();
    world.platform.members = people(3);
    const round = await world.createRound({ reminderHours: [24] });
    const p1 = world.process('p1');
    await world.drain([p1], new Date(round.opensAt.getTime() + HOUR));
    // Only the fan-out runs at the reminder time; the per-person jobs wait.
    world.clock.set(new Date(round.closesAt.getTime() - 24 * HOUR));
    await world.process('fan-out', { runner: { kinds: ['send-reminders'] } }).runUntilIdle();
    expect((await world.jobs()).filter((j) => j.kind === 'remind' && j.status === 'pending')).toHaveLength(3);
    await answer(world, round, 'U0001', 'all');
    await world.repos.participations.advance(round.id, 'U0002', 'opted_out', {}, world.clock.now());
    await world.drain([p1], new Date(round.closesAt.getTime() - HOUR));
    expect(['U0001', 'U0002', 'U0003'].map((u) => world.platform.count(u, 'reminder'))).toEqual([0, 0, 1]);
  });

  it('the plan never holds more than three reminders, and planned reminders are one per person each', async () => {
    world = await createWorld();
    world.platform.members = people(2);
    const round = await world.createRound({ reminderHours: [96, 72, 48] });
    const p1 = world.process('p1');
    await world.drain([p1], new Date(round.closesAt.getTime() - HOUR));
    expect(world.platform.count('U0001', 'reminder')).toBe(3);
    // Running a planned reminder's fan-out again (a retry) sends nothing new.
    await world.enqueue({ kind: 'send-reminders', key: `reminders:${round.id}:0:again`, payload: { roundId: round.id, reminder: 1 } });
    await world.drain([p1], new Date(round.closesAt.getTime() - HOUR));
    expect(world.platform.count('U0001', 'reminder')).toBe(3);
  });
});
