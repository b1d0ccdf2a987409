import { openTestDatabase, type TestDatabase } from '../support/mongo';
import { at, expectNoStorageFields, T0 } from './fixtures';

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(async () => {
  await t.close();
});

const raw = (roundId: string, respondentKey: string) => t.db.collection('responses').findOne({ roundId, respondentKey });

describe('responses', () => {
  it('saveAnswers creates the response on the first answer', async () => {
    await t.repos.responses.saveAnswers('r1', 'k1', { 'C-s1': 4, 'C-strengths': 'Het zorgteam' }, T0);
    const response = await t.repos.responses.get('r1', 'k1');
    expect(response).toEqual({ roundId: 'r1', respondentKey: 'k1', answers: { 'C-s1': 4, 'C-strengths': 'Het zorgteam' }, submittedSections: [], createdAt: T0, updatedAt: T0 });
    expectNoStorageFields(response!);
    expect(await raw('r1', 'k1')).toMatchObject({ schemaVersion: 2, answers: { 'C-s1': 4 } });
  });

  it('the same request twice leaves the same document', async () => {
    const answers = { 'C-s1': 5, R3: { onderwijsloopbaan: 1.5, 'leren-en-studeren': 0 }, R4: { onderwijsloopbaan: { mine: 'x' } } };
    await t.repos.responses.saveAnswers('r-idem', 'k1', answers, T0);
    const first = await raw('r-idem', 'k1');
    await t.repos.responses.saveAnswers('r-idem', 'k1', answers, T0);
    expect(await raw('r-idem', 'k1')).toEqual(first);
    expect(await t.db.collection('responses').countDocuments({ roundId: 'r-idem' })).toBe(1);
    // Repeated later, only updatedAt moves.
    await t.repos.responses.saveAnswers('r-idem', 'k1', answers, at(5));
    expect(await raw('r-idem', 'k1')).toEqual({ ...first, updatedAt: at(5) });
  });

  it('50 concurrent saves of different answers for one respondent keep all 50', async () => {
    const itemIds = Array.from({ length: 50 }, (_, i) => `item-${i}`);
    await Promise.all(itemIds.map((id, i) => t.repos.responses.saveAnswers('r-conc', 'k1', { [id]: (i % 6) + 1 }, at(i))));
    const response = await t.repos.responses.get('r-conc', 'k1');
    expect(Object.keys(response!.answers).sort()).toEqual([...itemIds].sort());
    itemIds.forEach((id, i) => expect(response!.answers[id]).toBe((i % 6) + 1));
    expect(await t.db.collection('responses').countDocuments({ roundId: 'r-conc' })).toBe(1);
  });

  it('concurrent first answers of many respondents give one response each', async () => {
    const keys = Array.from({ length: 20 }, (_, i) => `k${i}`);
    await Promise.all(keys.flatMap((k) => [1, 2, 3].map((n) => t.repos.responses.saveAnswers('r-many', k, { [`C-s${n}`]: n }, T0))));
    const all = await t.repos.responses.listByRound('r-many');
    expect(all).toHaveLength(20);
    for (const r of all) expect(r.answers).toEqual({ 'C-s1': 1, 'C-s2': 2, 'C-s3': 3 });
  });

  it('a null answer removes the earlier answer and leaves the others', async () => {
    await t.repos.responses.saveAnswers('r-null', 'k1', { 'C-s1': 3, 'C-s2': 4 }, T0);
    await t.repos.responses.saveAnswers('r-null', 'k1', { 'C-s1': null, 'C-s3': 6 }, at(1));
    expect((await t.repos.responses.get('r-null', 'k1'))!.answers).toEqual({ 'C-s2': 4, 'C-s3': 6 });
    // Clearing on a response that does not exist yet creates an empty one rather than failing.
    await t.repos.responses.saveAnswers('r-null', 'k2', { 'C-s1': null }, at(2));
    expect((await t.repos.responses.get('r-null', 'k2'))!.answers).toEqual({});
  });

  it('markSectionSubmitted adds a section once and sets completedAt once', async () => {
    await t.repos.responses.saveAnswers('r-sec', 'k1', { 'C-s1': 3 }, T0);
    await t.repos.responses.markSectionSubmitted('r-sec', 'k1', 'C', false, at(1));
    const again = await t.repos.responses.markSectionSubmitted('r-sec', 'k1', 'C', false, at(2));
    expect(again.submittedSections).toEqual(['C']);
    expect(again.completedAt).toBeUndefined();
    const done = await t.repos.responses.markSectionSubmitted('r-sec', 'k1', 'E', true, at(3));
    expect(done).toMatchObject({ submittedSections: ['C', 'E'], completedAt: at(3), answers: { 'C-s1': 3 } });
    const redone = await t.repos.responses.markSectionSubmitted('r-sec', 'k1', 'E', true, at(4));
    expect(redone.completedAt).toEqual(at(3));
    expect(redone.updatedAt).toEqual(at(4));
  });

  it('markSectionSubmitted on a new respondent creates the response', async () => {
    const response = await t.repos.responses.markSectionSubmitted('r-sec', 'k-new', 'reflection', false, T0);
    expect(response).toEqual({ roundId: 'r-sec', respondentKey: 'k-new', answers: {}, submittedSections: ['reflection'], createdAt: T0, updatedAt: T0 });
  });

  it('setGroup sets and clears the self-declared group', async () => {
    await t.repos.responses.setGroup('r-grp', 'k1', 'teacher', T0);
    expect((await t.repos.responses.get('r-grp', 'k1'))!.group).toBe('teacher');
    await t.repos.responses.saveAnswers('r-grp', 'k1', { 'C-s1': 2 }, at(1));
    await t.repos.responses.setGroup('r-grp', 'k1', null, at(2));
    const response = await t.repos.responses.get('r-grp', 'k1');
    expect(response).not.toHaveProperty('group');
    expect(response!.answers).toEqual({ 'C-s1': 2 });
  });

  it('lists and counts the responses of one round only', async () => {
    await t.repos.responses.saveAnswers('r-count', 'a', { 'C-s1': 1 }, T0);
    await t.repos.responses.saveAnswers('r-count', 'b', { 'C-s1': 2 }, T0);
    await t.repos.responses.markSectionSubmitted('r-count', 'b', 'C', true, at(1));
    await t.repos.responses.saveAnswers('r-count-other', 'a', { 'C-s1': 3 }, T0);
    expect((await t.repos.responses.listByRound('r-count')).map((r) => r.respondentKey).sort()).toEqual(['a', 'b']);
    expect(await t.repos.responses.count('r-count')).toEqual({ started: 2, completed: 1 });
    expect(await t.repos.responses.count('r-none')).toEqual({ started: 0, completed: 0 });
    expect(await t.repos.responses.get('r-count', 'nobody')).toBeNull();
  });

  describe('older schema versions', () => {
    const v1 = {
      roundId: 'r-v1',
      respondentKey: 'old',
      // v1 kept answers as a list, and had no schemaVersion field at all.
      answers: [
        { itemId: 'C-s1', value: 4 },
        { itemId: 'C-strengths', value: 'Korte lijnen' },
        { itemId: 'R3', value: { onderwijsloopbaan: 2 } },
      ],
      submittedSections: ['C'],
      createdAt: T0,
      updatedAt: T0,
    };

    it('reads a version-1 response (answers as a list) as the current shape', async () => {
      await t.db.collection('responses').insertOne({ ...v1 });
      expect(await t.repos.responses.get('r-v1', 'old')).toEqual({
        roundId: 'r-v1',
        respondentKey: 'old',
        answers: { 'C-s1': 4, 'C-strengths': 'Korte lijnen', R3: { onderwijsloopbaan: 2 } },
        submittedSections: ['C'],
        createdAt: T0,
        updatedAt: T0,
      });
      expect((await t.repos.responses.listByRound('r-v1'))[0]!.answers['C-s1']).toBe(4);
    });

    it('saving onto a version-1 response upgrades it in place and keeps the old answers', async () => {
      await t.db.collection('responses').insertOne({ ...v1, roundId: 'r-v1-write', schemaVersion: 1 });
      await t.repos.responses.saveAnswers('r-v1-write', 'old', { 'C-s2': 5, 'C-strengths': null }, at(1));
      const stored = await raw('r-v1-write', 'old');
      expect(stored).toMatchObject({ schemaVersion: 2, answers: { 'C-s1': 4, 'C-s2': 5, R3: { onderwijsloopbaan: 2 } }, updatedAt: at(1), createdAt: T0 });
      expect(stored!.answers).not.toHaveProperty('C-strengths');
      expect(await t.db.collection('responses').countDocuments({ roundId: 'r-v1-write' })).toBe(1);
    });

    it('concurrent saves onto a version-1 response all land', async () => {
      await t.db.collection('responses').insertOne({ ...v1, roundId: 'r-v1-conc', schemaVersion: 1 });
      await Promise.all(['a', 'b', 'c', 'd', 'e'].map((s) => t.repos.responses.saveAnswers('r-v1-conc', 'old', { [`x-${s}`]: 1 }, at(1))));
      const response = await t.repos.responses.get('r-v1-conc', 'old');
      expect(Object.keys(response!.answers).sort()).toEqual(['C-s1', 'C-strengths', 'R3', 'x-a', 'x-b', 'x-c', 'x-d', 'x-e']);
    });
  });

describe('forEachByRound', () => {
  it('visits every response of the round once, the same records listByRound gives, and awaits each visit', async () => {
    for (let i = 0; i < 250; i++) await t.repos.responses.saveAnswers('r-each', `k${i}`, { 'C-s1': (i % 6) + 1 }, T0);
    await t.repos.responses.saveAnswers('r-each-other', 'k0', { 'C-s1': 1 }, T0);
    const seen: string[] = [];
    let inVisit = 0;
    const count = await t.repos.responses.forEachByRound('r-each', async (r) => {
      expect(inVisit).toBe(0);
      inVisit++;
      await new Promise((resolve) => setImmediate(resolve));
      seen.push(r.respondentKey);
      inVisit--;
    });
    expect(count).toBe(250);
    const listed = await t.repos.responses.listByRound('r-each');
    expect([...seen].sort()).toEqual(listed.map((r) => r.respondentKey).sort());
    expect(new Set(seen).size).toBe(250);
  });
});
});
