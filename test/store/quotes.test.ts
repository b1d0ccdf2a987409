import type { Quote } from '../../src/core/ports';
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
});
