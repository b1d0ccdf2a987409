import { makeRound } from '../../src/core/testing/fixtures';
import { coreSummarySnapshot } from '../../src/orchestration/summary-snapshot';
import { openTestDatabase, type TestDatabase } from '../support/mongo';

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(async () => {
  await t.close();
});

describe('the closing snapshot streams the responses and keeps one quote set (#16 with #12a)', () => {
  it('a repeated close tallies again but copies no second set of quotes, and writes no time on responses', async () => {
    const round = makeRound({ id: 'r-snap', includeReflection: true, state: 'closed', closedAt: new Date('2026-03-30T10:00:00Z') });
    await t.repos.rounds.insert(round);
    const keys = Array.from({ length: 600 }, (_, i) => `k${String(i).padStart(4, '0')}`);
    await t.repos.responses.prepare(round.id, keys);
    // More than one streaming batch (250) of respondents with an open answer; the rest stay empty.
    for (const key of keys.slice(0, 520)) await t.repos.responses.saveSection(round.id, key, 'reflection', { R1: `Goed: ${key}` }, undefined, new Date());
    const snapshot = coreSummarySnapshot(t.repos);
    const now = new Date('2026-03-30T10:00:00Z');
    const first = await snapshot(round, now);
    expect(await t.db.collection('quotes').countDocuments({ roundId: round.id })).toBe(520);
    const batch = (await t.repos.rounds.get(round.id))!.quoteBatch;
    expect(typeof batch).toBe('string');
    expect(await t.db.collection('quotes').countDocuments({ roundId: round.id, batch })).toBe(520);

    const second = await snapshot(round, new Date('2026-03-30T11:00:00Z'));
    expect(await t.db.collection('quotes').countDocuments({ roundId: round.id })).toBe(520);
    expect((await t.repos.rounds.get(round.id))!.quoteBatch).toBe(batch);
    expect(second.summary.dimensions).toEqual(first.summary.dimensions);
    for (const field of ['createdAt', 'updatedAt', 'completedAt']) expect(await t.db.collection('responses').countDocuments({ roundId: round.id, [field]: { $exists: true } })).toBe(0);
  });

  it('a leftover unclaimed batch (a crashed close) is deleted', async () => {
    const round = makeRound({ id: 'r-snap-crash', includeReflection: true, state: 'closed', closedAt: new Date('2026-03-30T10:00:00Z') });
    await t.repos.rounds.insert(round);
    for (let i = 0; i < round.anonymityThreshold; i++) await t.repos.responses.saveSection(round.id, `k${i}`, 'reflection', { R1: `Korte lijnen ${i}` }, undefined, new Date());
    await t.db.collection('quotes').insertOne({ _id: 'left-over' as never, roundId: round.id, batch: 'crashed', itemId: 'R1', section: 'reflection', text: 'x', status: 'pending', themes: [], order: 1 });
    await coreSummarySnapshot(t.repos)(round, new Date('2026-03-30T10:00:00Z'));
    expect(await t.db.collection('quotes').countDocuments({ roundId: round.id })).toBe(round.anonymityThreshold);
    expect(await t.db.collection('quotes').countDocuments({ roundId: round.id, batch: 'crashed' })).toBe(0);
  });

  it('keeps no open answer of a section fewer than k people submitted: it could never be shown, screened or not', async () => {
    const round = makeRound({ id: 'r-snap-small', dimensionIds: ['X'], includeReflection: true, state: 'closed', closedAt: new Date('2026-03-30T10:00:00Z') });
    await t.repos.rounds.insert(round);
    const k = round.anonymityThreshold;
    // The reflection: k people wrote; dimension X: one person (k − 1 others did not get that far).
    for (let i = 0; i < k; i++) await t.repos.responses.saveSection(round.id, `k${i}`, 'reflection', { R1: `Reflectie ${i}` }, undefined, new Date());
    const x = round.questionnaire.dimensions.find((d) => d.id === 'X')!;
    const xAnswers = Object.fromEntries([...x.statements.map((st) => [st.id, 4]), [x.globalJudgement.id, 4], ...x.openQuestions.map((o) => [o.id, 'Alleen ik schreef dit'])]);
    await t.repos.responses.saveSection(round.id, 'k0', 'X', xAnswers, undefined, new Date());
    const { summary } = await coreSummarySnapshot(t.repos)(round, new Date('2026-03-30T10:00:00Z'));
    const stored = await t.repos.quotes.listByRound(round.id);
    expect(stored.map((q) => q.section).sort()).toEqual(Array.from({ length: k }, () => 'reflection'));
    expect(JSON.stringify(summary)).not.toContain('Alleen ik schreef dit');
  });

  it('shows the quotes it just copied when nothing is screened, and none of them when everything is', async () => {
    for (const moderation of [false, true]) {
      const round = makeRound({ id: `r-snap-shown-${moderation}`, includeReflection: true, moderation, state: 'closed', closedAt: new Date('2026-03-30T10:00:00Z') });
      await t.repos.rounds.insert(round);
      const k = round.anonymityThreshold;
      for (let i = 0; i < k; i++) await t.repos.responses.saveSection(round.id, `k${i}`, 'reflection', { R1: `Zichtbaar ${i}` }, undefined, new Date());
      const { summary } = await coreSummarySnapshot(t.repos)(round, new Date('2026-03-30T10:00:00Z'));
      const shown = Array.from({ length: k }, (_, i) => JSON.stringify(summary).includes(`Zichtbaar ${i}`));
      expect({ moderation, shown }).toEqual({ moderation, shown: Array.from({ length: k }, () => !moderation) });
      // Screened or not, every copied quote is stored, waiting for the coordinator when screened.
      const stored = await t.repos.quotes.listByRound(round.id);
      expect(stored.map((q) => q.status)).toEqual(Array.from({ length: k }, () => 'pending'));
    }
  });
});
