import { openTestDatabase, type TestDatabase } from '../support/mongo';

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(async () => {
  await t.close();
});

const CLOSES = new Date('2026-12-20T00:00:00Z');

describe('drafts', () => {
  it("lists one respondent's drafts of one round by section, and nobody else's", async () => {
    const { drafts } = t.repos;
    await drafts.save('r1', 'keyA', 'A1', { 'A1-s1': '3' }, 'replace', CLOSES);
    await drafts.save('r1', 'keyA', 'R', { 'R3.onderwijsloopbaan': '2' }, 'replace', CLOSES);
    // Neighbours in `_id` order: another respondent, a round whose id starts with this one's, a longer key.
    await drafts.save('r1', 'keyB', 'A1', { 'A1-s1': '5' }, 'replace', CLOSES);
    await drafts.save('r10', 'keyA', 'A1', { 'A1-s1': '6' }, 'replace', CLOSES);
    await drafts.save('r1', 'keyAA', 'B1', { 'B1-s1': '1' }, 'replace', CLOSES);

    const mine = await drafts.listByRespondent('r1', 'keyA');
    expect(Object.fromEntries(mine)).toEqual({ A1: { 'A1-s1': '3' }, R: { 'R3.onderwijsloopbaan': '2' } });
    expect((await drafts.listByRespondent('r1', 'nobody')).size).toBe(0);

    await drafts.delete('r1', 'keyA', 'A1');
    expect([...(await drafts.listByRespondent('r1', 'keyA')).keys()]).toEqual(['R']);
  });
});

describe('drafts read at the same moment', () => {
  it('come in one query and still go each to their own respondent', async () => {
    const { drafts } = t.repos;
    await drafts.save('r5', 'keyA', 'A1', { 'A1-s1': '3' }, 'replace', CLOSES);
    await drafts.save('r5', 'keyA', 'B1', { 'B1-s1': '4' }, 'replace', CLOSES);
    await drafts.save('r5', 'keyB', 'A1', { 'A1-s1': '5' }, 'replace', CLOSES);
    await drafts.save('r6', 'keyA', 'A1', { 'A1-s1': '6' }, 'replace', CLOSES);
    const [a, b, none, other] = await Promise.all([
      drafts.listByRespondent('r5', 'keyA'),
      drafts.listByRespondent('r5', 'keyB'),
      drafts.listByRespondent('r5', 'keyC'),
      drafts.listByRespondent('r6', 'keyA'),
    ]);
    expect(Object.fromEntries(a)).toEqual({ A1: { 'A1-s1': '3' }, B1: { 'B1-s1': '4' } });
    expect(Object.fromEntries(b)).toEqual({ A1: { 'A1-s1': '5' } });
    expect(none.size).toBe(0);
    expect(Object.fromEntries(other)).toEqual({ A1: { 'A1-s1': '6' } });
  });
});
