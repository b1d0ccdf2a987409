import type { Actor, Services } from '../../src/core/services';
import { roundProgress } from '../../src/core/round-progress';
import { createServices } from '../../src/core/services';
import type { Quote } from '../../src/core/ports';
import type { Round } from '../../src/core/round';
import { tinyQuestionnaire } from '../../src/core/testing/fixtures';
import { retentionSweepSpec } from '../../src/orchestration/handlers/purge-answers';
import { createWorld, DAY, HOUR, people, silent, TEST_RESPONDENT_SECRET, type World } from './harness';

/**
 * Issue #12, "what is hidden is gone": at publication the text of every quote the team did not see
 * is deleted and an edited quote keeps only its edit; the raw answers are deleted by the daily
 * retention sweep once the workspace's retention period after publication has passed. The
 * summary stays.
 */
let world: World;
let services: Services;
const staff = people(6, 'S');
const coordinator = (): Actor => ({ tenant: world.tenant, platformUserId: 'U-coord', lang: 'nl' });

beforeEach(async () => {
  world = await createWorld();
  services = createServices({ repos: world.repos, questionnaire: tinyQuestionnaire(), respondentSecret: TEST_RESPONDENT_SECRET, clock: world.clock, logger: silent }, {});
});
afterEach(() => world.close());

/** Six colleagues answer everything; returns the closed round's quotes. */
async function closedRound(scheduler = world.process('p1')): Promise<{ round: Round; quotes: Quote[] }> {
  world.platform.members = [...staff];
  const round = await world.createRound({ moderation: true, closesAt: new Date(world.clock.now().getTime() + 7 * DAY), reminderHours: [] });
  await world.drain([scheduler], new Date(world.clock.now().getTime() + HOUR));
  for (const [i, user] of staff.entries()) {
    const actor: Actor = { tenant: world.tenant, platformUserId: user, lang: 'nl' };
    await services.respondents.submitSection(actor, round.id, 'X', { 'X-global': 4, 'X-s1': 4, 'X-s2': 5, 'X-s3': 3, 'X-strengths': `Sterk punt ${i}` });
    await services.respondents.submitSection(actor, round.id, 'Y', { 'Y-global': 3, 'Y-s1': 2, 'Y-s2': 6, 'Y-priorities': `Prioriteit ${i} (Jan zei het)` });
    const done = await services.respondents.submitSection(actor, round.id, 'reflection', { R1: `Reflectie ${i}`, 'R2.career': '1', 'R2.learning': '1', 'R3.career.mine': `Rol ${i}` });
    expect(done.ok).toBe(true);
  }
  await world.drain([scheduler], new Date(round.closesAt.getTime() + HOUR));
  return { round, quotes: await world.repos.quotes.listByRound(round.id) };
}

async function sweep(at: Date, scheduler = world.process('sweeper')): Promise<void> {
  world.clock.set(at);
  await world.repos.jobs.enqueue(retentionSweepSpec(at), at);
  await scheduler.runUntilIdle();
}

const rawResponses = (roundId: string) => world.db.db.collection('responses').find({ roundId }).toArray();

describe('at publication', () => {
  it('deletes the text of hidden and unapproved quotes, keeps only the edit of an edited one, and drops the open answers from the responses', async () => {
    const scheduler = world.process('p1');
    const { round, quotes } = await closedRound(scheduler);
    expect(quotes.length).toBe(6 * 4);
    const [hidden, edited, approved, ...rest] = quotes;
    const original = edited!.text;
    await services.coordinators.moderateQuote(coordinator(), round.id, hidden!.id, { type: 'hide' });
    await services.coordinators.moderateQuote(coordinator(), round.id, edited!.id, { type: 'edit', text: 'Iemand zei het.' });
    await services.coordinators.moderateQuote(coordinator(), round.id, approved!.id, { type: 'approve' });
    const summaryBefore = (await world.repos.summaries.get(round.id))!.summary;
    // Publishing with unread answers needs their number confirmed (#13); these stay out.
    await services.coordinators.publish(coordinator(), round.id, { unscreened: rest.length });
    await world.drain([scheduler], new Date(world.clock.now().getTime() + HOUR));
    expect((await world.repos.rounds.get(round.id))!.state).toBe('published');

    const after = new Map((await world.repos.quotes.listByRound(round.id)).map((q) => [q.id, q]));
    // The decision stays, the text does not.
    expect(after.get(hidden!.id)).toMatchObject({ status: 'hidden', text: '', textDeleted: true });
    expect(after.get(edited!.id)).toMatchObject({ status: 'approved', text: 'Iemand zei het.', edited: true });
    expect(after.get(edited!.id)).not.toHaveProperty('editedText');
    expect(after.get(approved!.id)).toMatchObject({ status: 'approved', text: approved!.text });
    // Never approved with moderation on: never shown, so gone too.
    for (const q of rest) expect(after.get(q.id)).toMatchObject({ status: 'pending', text: '', textDeleted: true });
    const everything = JSON.stringify(await world.db.db.collection('quotes').find({ roundId: round.id }).toArray());
    expect(everything).not.toContain(hidden!.text);
    expect(everything).not.toContain(original);

    // The raw responses keep the scale answers (for the retention period) but no open answer.
    const responses = await rawResponses(round.id);
    expect(responses).toHaveLength(6);
    for (const r of responses) {
      expect(Object.keys(r.answers).sort()).toEqual(['R2', 'X-global', 'X-s1', 'X-s2', 'X-s3', 'Y-global', 'Y-s1', 'Y-s2']);
    }
    expect(JSON.stringify(responses)).not.toMatch(/Sterk punt|Prioriteit|Reflectie|Rol \d/);
    // What the team saw does not change.
    expect((await world.repos.summaries.get(round.id))!.summary).toEqual(summaryBefore);
  });
});

describe('the retention sweep', () => {
  async function published(): Promise<Round> {
    const scheduler = world.process('p1');
    const { round, quotes } = await closedRound(scheduler);
    await services.coordinators.moderateQuote(coordinator(), round.id, quotes[0]!.id, { type: 'approve' });
    await services.coordinators.publish(coordinator(), round.id, { unscreened: quotes.length - 1 });
    await world.drain([scheduler], new Date(world.clock.now().getTime() + HOUR));
    return (await world.repos.rounds.get(round.id))!;
  }

  it('deletes the raw answers twelve months after publication, not before; the summary and the published quote stay', async () => {
    const round = await published();
    const publishedAt = round.publishedAt!;
    const elevenMonths = new Date(publishedAt);
    elevenMonths.setUTCMonth(elevenMonths.getUTCMonth() + 11);
    await sweep(elevenMonths);
    expect(await rawResponses(round.id)).toHaveLength(6);
    expect((await world.repos.rounds.get(round.id))!.answersPurgedAt).toBeUndefined();

    const progressBefore = await roundProgress(world.repos, round);
    expect(progressBefore).toMatchObject({ started: 6, completed: 6 });

    const twelveMonths = new Date(publishedAt);
    twelveMonths.setUTCMonth(twelveMonths.getUTCMonth() + 12);
    await sweep(new Date(twelveMonths.getTime() + DAY));
    expect(await rawResponses(round.id)).toHaveLength(0);
    const purged = (await world.repos.rounds.get(round.id))!;
    expect(purged.answersPurgedAt).toEqual(world.clock.now());
    // The coordinator's overview still reads as before: the counts were kept, nobody's answer.
    expect(purged.responseCounts).toEqual({ started: 6, completed: 6 });
    expect(await roundProgress(world.repos, purged)).toEqual(progressBefore);
    expect(await world.repos.summaries.get(round.id)).not.toBeNull();
    expect((await world.repos.quotes.listByRound(round.id, { statuses: ['approved'] }))[0]!.text).toMatch(/^(Sterk punt|Prioriteit|Reflectie|Rol) /);
    // Each sweep plans the next day's.
    const next = (await world.jobs()).filter((j) => j.kind === 'purge-answers' && j.status === 'pending');
    expect(next).toHaveLength(1);
    expect(next[0]!.runAt.getTime()).toBeGreaterThan(world.clock.now().getTime());
  });

  it("follows the workspace's own retention period, read at each sweep", async () => {
    const round = await published();
    for (const months of [0, 1.5, 121]) {
      await expect(services.coordinators.updateSettings(coordinator(), { retentionMonths: months })).rejects.toMatchObject({ code: 'retention_out_of_range', field: 'retentionMonths', params: { min: 1, max: 120 } });
    }
    await services.coordinators.updateSettings(coordinator(), { retentionMonths: 1 });
    await sweep(new Date(round.publishedAt!.getTime() + 20 * DAY));
    expect(await rawResponses(round.id)).toHaveLength(6);
    await sweep(new Date(round.publishedAt!.getTime() + 32 * DAY));
    expect(await rawResponses(round.id)).toHaveLength(0);
  });

  it('settles the quotes of a round an earlier release published (hidden text still there) before deleting its answers', async () => {
    const scheduler = world.process('p1');
    const { round, quotes } = await closedRound(scheduler);
    await services.coordinators.moderateQuote(coordinator(), round.id, quotes[0]!.id, { type: 'hide' });
    // As an earlier release published: state and date only.
    const publishedAt = world.clock.now();
    await world.repos.rounds.transition(round.id, 'closed', 'published', { publishedAt });
    expect((await world.repos.quotes.get(quotes[0]!.id))!.text).toBe(quotes[0]!.text);
    await sweep(new Date(publishedAt.getTime() + 400 * DAY));
    expect(await world.repos.quotes.get(quotes[0]!.id)).toMatchObject({ status: 'hidden', text: '', textDeleted: true });
    expect(await rawResponses(round.id)).toHaveLength(0);
  });

  it('leaves rounds that are still open or waiting for publication alone', async () => {
    const { round } = await closedRound();
    await sweep(new Date(world.clock.now().getTime() + 800 * DAY));
    expect(await rawResponses(round.id)).toHaveLength(6);
  });
});
