import type { Quote } from '../../src/core/ports';
import { extractQuotes, extractQuotesOnce } from '../../src/core/summary';
import { closedRound, FIXTURE_NOW, mainResponses } from '../../src/core/summary/__fixtures__/summary-fixture';
import { openTestDatabase, type TestDatabase } from '../support/mongo';
import { at, expectNoStorageFields, T0 } from './fixtures';

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(async () => {
  await t.close();
});

const quote = (id: string, order: number, roundId = 'r1'): Quote => ({
  id,
  roundId,
  itemId: 'C-strengths',
  section: 'C',
  text: `quote ${id}`,
  status: 'pending',
  themes: [],
  order,
  createdAt: T0,
  updatedAt: T0,
});

describe('quotes', () => {
  it('insertMany stores each quote once, however often the close runs', async () => {
    await t.repos.quotes.insertMany([quote('q1', 0.7), quote('q2', 0.2)]);
    await t.repos.quotes.insertMany([quote('q1', 0.7), quote('q2', 0.2), quote('q3', 0.5)]);
    await t.repos.quotes.insertMany([]);
    const list = await t.repos.quotes.listByRound('r1');
    expect(list.map((q) => q.id)).toEqual(['q2', 'q3', 'q1']);
    expect(list[0]).toEqual(quote('q2', 0.2));
    expectNoStorageFields(list[0]!);
  });

  it('keepOnlySections deletes the round\'s quotes from every other section, and nothing of another round', async () => {
    const inSection = (id: string, section: string, roundId = 'r-k'): Quote => ({ ...quote(id, 0.5, roundId), section });
    await t.repos.quotes.insertMany([inSection('k1', 'C'), inSection('k2', 'reflection'), inSection('k3', 'A1'), inSection('k4', 'reflection', 'r-other')]);
    await t.repos.quotes.keepOnlySections('r-k', ['C', 'A1']);
    expect((await t.repos.quotes.listByRound('r-k')).map((q) => q.id).sort()).toEqual(['k1', 'k3']);
    expect((await t.repos.quotes.listByRound('r-other')).map((q) => q.id)).toEqual(['k4']);
    await t.repos.quotes.keepOnlySections('r-k', []);
    expect(await t.repos.quotes.listByRound('r-k')).toEqual([]);
  });

  it('listByRound can take one extraction batch only', async () => {
    await t.repos.quotes.insertMany([{ ...quote('b1', 0.1, 'r-b'), batch: 'kept' }, { ...quote('b2', 0.2, 'r-b'), batch: 'late' }, { ...quote('b3', 0.3, 'r-b'), batch: 'kept' }]);
    expect((await t.repos.quotes.listByRound('r-b', { batch: 'kept' })).map((q) => q.id)).toEqual(['b1', 'b3']);
    expect(await t.repos.quotes.listByRound('r-b')).toHaveLength(3);
  });

  it('get and moderate one quote', async () => {
    await t.repos.quotes.insertMany([quote('m1', 0.1, 'r-mod'), quote('m2', 0.2, 'r-mod')]);
    expect(await t.repos.quotes.get('m1')).toEqual(quote('m1', 0.1, 'r-mod'));
    expect(await t.repos.quotes.get('nope')).toBeNull();
    const moderated = await t.repos.quotes.moderate('m1', { status: 'approved', editedText: 'zonder naam', themes: ['korte-lijnen'] }, at(1));
    expect(moderated).toEqual({ ...quote('m1', 0.1, 'r-mod'), status: 'approved', editedText: 'zonder naam', themes: ['korte-lijnen'], updatedAt: at(1) });
    await t.repos.quotes.moderate('m2', { status: 'hidden' }, at(2));
    expect((await t.repos.quotes.listByRound('r-mod', { statuses: ['approved'] })).map((q) => q.id)).toEqual(['m1']);
    expect((await t.repos.quotes.listByRound('r-mod', { statuses: ['approved', 'hidden'] })).map((q) => q.id)).toEqual(['m1', 'm2']);
    expect(await t.repos.quotes.moderate('nope', { status: 'hidden' }, at(3))).toBeNull();
  });

  describe('extractQuotesOnce (random ids, one set per round)', () => {
    const storedRound = async (id: string) => {
      const round = { ...closedRound(), id };
      await t.repos.rounds.insert(round);
      return round;
    };
    const responsesOf = (roundId: string) => mainResponses().map((r) => ({ ...r, roundId }));

    it('two closers at once keep one complete set', async () => {
      const round = await storedRound('r-once');
      await Promise.all([1, 2, 3].map(() => extractQuotesOnce(t.repos, round, responsesOf(round.id), FIXTURE_NOW)));
      const stored = await t.repos.quotes.listByRound(round.id);
      expect(stored).toHaveLength(8);
      expect(new Set(stored.map((q) => q.batch))).toEqual(new Set([(await t.repos.rounds.get(round.id))!.quoteBatch]));
      // A later close changes nothing.
      await extractQuotesOnce(t.repos, round, responsesOf(round.id), at(5));
      expect((await t.repos.quotes.listByRound(round.id)).map((q) => q.id).sort()).toEqual(stored.map((q) => q.id).sort());
    });

    it('a close that crashed half-way leaves nothing behind once the next one ran', async () => {
      const round = await storedRound('r-crash');
      // The crashed attempt stored part of its batch and never claimed the round.
      await t.repos.quotes.insertMany(extractQuotes(round, responsesOf(round.id), FIXTURE_NOW, undefined, 'crashed').slice(0, 3));
      // A close by an earlier release stored quotes without a batch.
      await t.repos.quotes.insertMany([quote('old-release', 0.5, round.id)]);
      await extractQuotesOnce(t.repos, round, responsesOf(round.id), FIXTURE_NOW);
      const stored = await t.repos.quotes.listByRound(round.id);
      expect(stored).toHaveLength(8);
      expect(stored.some((q) => q.batch === 'crashed' || q.id === 'old-release')).toBe(false);
    });
  });
});
