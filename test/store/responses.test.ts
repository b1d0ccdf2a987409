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
    expect(response).toEqual({ roundId: 'r1', respondentKey: 'k1', answers: { 'C-s1': 4, 'C-strengths': 'Het zorgteam' }, submittedSections: [], complete: false });
    expectNoStorageFields(response!);
    const stored = await raw('r1', 'k1');
    expect(stored).toMatchObject({ schemaVersion: 3, answers: { 'C-s1': 4 } });
    // A random string id, never an ObjectId (whose first four bytes are the creation time).
    expect(typeof stored!._id).toBe('string');
    expect(Object.keys(stored!).sort()).toEqual(['_id', 'answers', 'complete', 'respondentKey', 'roundId', 'schemaVersion', 'submittedSections']);
  });

  it('the same request twice leaves the same document', async () => {
    const answers = { 'C-s1': 5, R3: { onderwijsloopbaan: 1.5, 'leren-en-studeren': 0 }, R4: { onderwijsloopbaan: { mine: 'x' } } };
    await t.repos.responses.saveAnswers('r-idem', 'k1', answers, T0);
    const first = await raw('r-idem', 'k1');
    await t.repos.responses.saveAnswers('r-idem', 'k1', answers, T0);
    expect(await raw('r-idem', 'k1')).toEqual(first);
    expect(await t.db.collection('responses').countDocuments({ roundId: 'r-idem' })).toBe(1);
    // Repeated later, nothing moves: a response keeps no time.
    await t.repos.responses.saveAnswers('r-idem', 'k1', answers, at(5));
    expect(await raw('r-idem', 'k1')).toEqual(first);
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

  it('responses read at the same moment (one query) each go to their own respondent and round', async () => {
    await t.repos.responses.saveAnswers('r-same-1', 'kA', { 'C-s1': 1 }, T0);
    await t.repos.responses.saveAnswers('r-same-1', 'kB', { 'C-s1': 2 }, T0);
    await t.repos.responses.saveAnswers('r-same-2', 'kA', { 'C-s1': 3 }, T0);
    const [a, b, other, nobody] = await Promise.all([
      t.repos.responses.get('r-same-1', 'kA'),
      t.repos.responses.get('r-same-1', 'kB'),
      t.repos.responses.get('r-same-2', 'kA'),
      t.repos.responses.get('r-same-1', 'kC'),
    ]);
    expect([a?.answers, b?.answers, other?.answers, nobody]).toEqual([{ 'C-s1': 1 }, { 'C-s1': 2 }, { 'C-s1': 3 }, null]);
  });

  it('a null answer removes the earlier answer and leaves the others', async () => {
    await t.repos.responses.saveAnswers('r-null', 'k1', { 'C-s1': 3, 'C-s2': 4 }, T0);
    await t.repos.responses.saveAnswers('r-null', 'k1', { 'C-s1': null, 'C-s3': 6 }, at(1));
    expect((await t.repos.responses.get('r-null', 'k1'))!.answers).toEqual({ 'C-s2': 4, 'C-s3': 6 });
    // Clearing on a response that does not exist yet creates an empty one rather than failing.
    await t.repos.responses.saveAnswers('r-null', 'k2', { 'C-s1': null }, at(2));
    expect((await t.repos.responses.get('r-null', 'k2'))!.answers).toEqual({});
  });

  it('markSectionSubmitted adds a section once and marks the response complete for good', async () => {
    await t.repos.responses.saveAnswers('r-sec', 'k1', { 'C-s1': 3 }, T0);
    await t.repos.responses.markSectionSubmitted('r-sec', 'k1', 'C', false, at(1));
    const again = await t.repos.responses.markSectionSubmitted('r-sec', 'k1', 'C', false, at(2));
    expect(again.submittedSections).toEqual(['C']);
    expect(again.complete).toBe(false);
    const done = await t.repos.responses.markSectionSubmitted('r-sec', 'k1', 'E', true, at(3));
    expect(done).toMatchObject({ submittedSections: ['C', 'E'], complete: true, answers: { 'C-s1': 3 } });
    const redone = await t.repos.responses.markSectionSubmitted('r-sec', 'k1', 'C', false, at(4));
    expect(redone.complete).toBe(true);
    expect(await t.repos.responses.markSectionSubmitted('r-sec', 'k-first', 'E', true, at(5))).toMatchObject({ submittedSections: ['E'], complete: true });
  });

  it('markSectionSubmitted on a new respondent creates the response', async () => {
    const response = await t.repos.responses.markSectionSubmitted('r-sec', 'k-new', 'reflection', false, T0);
    expect(response).toEqual({ roundId: 'r-sec', respondentKey: 'k-new', answers: {}, submittedSections: ['reflection'], complete: false });
  });

  it('prepare creates every empty response once, with random ids, and leaves existing ones alone', async () => {
    await t.repos.responses.markSectionSubmitted('r-prep', 'k2', 'C', false, T0);
    const keys = Array.from({ length: 40 }, (_, i) => `k${i}`);
    await t.repos.responses.prepare('r-prep', keys);
    await t.repos.responses.prepare('r-prep', [...keys, 'k-late']);
    const docs = await t.db.collection('responses').find({ roundId: 'r-prep' }).toArray();
    expect(docs).toHaveLength(41);
    expect(docs.every((d) => typeof d._id === 'string' && (d._id as string).length >= 22)).toBe(true);
    expect((await t.repos.responses.get('r-prep', 'k2'))!.submittedSections).toEqual(['C']);
    expect(await t.repos.responses.get('r-prep', 'k7')).toEqual({ roundId: 'r-prep', respondentKey: 'k7', answers: {}, submittedSections: [], complete: false });
    // Empty prepared responses are not "started".
    expect(await t.repos.responses.count('r-prep')).toEqual({ started: 1, completed: 0 });
    // Inserted in random order: the natural order is not the order the keys were given in.
    const natural = docs.map((d) => d.respondentKey as string).filter((k) => k !== 'k2' && k !== 'k-late');
    expect(natural).not.toEqual(keys.filter((k) => k !== 'k2'));
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
    await t.repos.responses.markSectionSubmitted('r-count', 'a', 'C', false, T0);
    // Prepared (empty) responses are listed but not counted as started.
    await t.repos.responses.prepare('r-count', ['a', 'b', 'c']);
    await t.repos.responses.saveAnswers('r-count', 'b', { 'C-s1': 2 }, T0);
    await t.repos.responses.markSectionSubmitted('r-count', 'b', 'C', true, at(1));
    await t.repos.responses.saveAnswers('r-count-other', 'a', { 'C-s1': 3 }, T0);
    expect((await t.repos.responses.listByRound('r-count')).map((r) => r.respondentKey).sort()).toEqual(['a', 'b', 'c']);
    expect(await t.repos.responses.count('r-count')).toEqual({ started: 2, completed: 1 });
    await t.repos.responses.erase('r-count', 'b', at(3));
    expect(await t.repos.responses.count('r-count')).toEqual({ started: 1, completed: 0 });
    // Erased in place and without a time: the document count and order, and the stored fields, say nothing.
    expect(await t.repos.responses.get('r-count', 'b')).toMatchObject({ answers: {}, submittedSections: [], complete: false });
    const erased = await t.db.collection('responses').findOne({ roundId: 'r-count', respondentKey: 'b' });
    expect(Object.keys(erased!).sort()).toEqual(['_id', 'answers', 'complete', 'respondentKey', 'roundId', 'schemaVersion', 'submittedSections']);
    expect(await t.db.collection('responses').countDocuments({ roundId: 'r-count' })).toBe(3);
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
        complete: false,
      });
      expect((await t.repos.responses.listByRound('r-v1'))[0]!.answers['C-s1']).toBe(4);
    });

    it('saving onto a version-1 response upgrades it in place and keeps the old answers', async () => {
      await t.db.collection('responses').insertOne({ ...v1, roundId: 'r-v1-write', schemaVersion: 1 });
      await t.repos.responses.saveAnswers('r-v1-write', 'old', { 'C-s2': 5, 'C-strengths': null }, at(1));
      const stored = await raw('r-v1-write', 'old');
      expect(stored).toMatchObject({ schemaVersion: 3, answers: { 'C-s1': 4, 'C-s2': 5, R3: { onderwijsloopbaan: 2 } }, complete: false });
      expect(stored!.answers).not.toHaveProperty('C-strengths');
      // The upgrade drops the old time stamps from the stored document.
      expect(stored).not.toHaveProperty('createdAt');
      expect(stored).not.toHaveProperty('updatedAt');
      expect(await t.db.collection('responses').countDocuments({ roundId: 'r-v1-write' })).toBe(1);
    });

    it('concurrent saves onto a version-1 response all land', async () => {
      await t.db.collection('responses').insertOne({ ...v1, roundId: 'r-v1-conc', schemaVersion: 1 });
      await Promise.all(['a', 'b', 'c', 'd', 'e'].map((s) => t.repos.responses.saveAnswers('r-v1-conc', 'old', { [`x-${s}`]: 1 }, at(1))));
      const response = await t.repos.responses.get('r-v1-conc', 'old');
      expect(Object.keys(response!.answers).sort()).toEqual(['C-s1', 'C-strengths', 'R3', 'x-a', 'x-b', 'x-c', 'x-d', 'x-e']);
    });

    it('reads and upgrades a version-2 response: its time stamps go, completedAt becomes complete', async () => {
      const v2 = { roundId: 'r-v2', respondentKey: 'old2', answers: { 'C-s1': 4 }, submittedSections: ['C', 'E'], completedAt: at(3), createdAt: T0, updatedAt: at(3), schemaVersion: 2 };
      await t.db.collection('responses').insertOne({ ...v2 });
      expect(await t.repos.responses.get('r-v2', 'old2')).toEqual({ roundId: 'r-v2', respondentKey: 'old2', answers: { 'C-s1': 4 }, submittedSections: ['C', 'E'], complete: true });
      expect(await t.repos.responses.count('r-v2')).toEqual({ started: 1, completed: 1 });
      await t.repos.responses.saveAnswers('r-v2', 'old2', { 'C-s2': 2 }, at(4));
      const stored = await raw('r-v2', 'old2');
      expect(stored).toMatchObject({ schemaVersion: 3, complete: true, answers: { 'C-s1': 4, 'C-s2': 2 } });
      for (const field of ['createdAt', 'updatedAt', 'completedAt']) expect(stored).not.toHaveProperty(field);
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

  it('reads older documents in the current shape (a version-2 completedAt is `complete`, no time)', async () => {
    await t.db.collection('responses').insertOne({ roundId: 'r-each-v2', respondentKey: 'old', answers: { 'C-s1': 3 }, submittedSections: ['C'], completedAt: at(3), createdAt: T0, updatedAt: at(3), schemaVersion: 2 });
    const seen: unknown[] = [];
    await t.repos.responses.forEachByRound('r-each-v2', (r) => void seen.push(r));
    expect(seen).toEqual([{ roundId: 'r-each-v2', respondentKey: 'old', answers: { 'C-s1': 3 }, submittedSections: ['C'], complete: true }]);
  });
});

describe('saveSection and markCompleted', () => {
  it('store answers, group, the section and `complete` in one document and no time at all', async () => {
    const saved = await t.repos.responses.saveSection('r-save-sec', 'k1', 'C', { 'C-s1': 4, 'C-s2': null }, 'teacher', at(1));
    expect(saved).toEqual({ roundId: 'r-save-sec', respondentKey: 'k1', answers: { 'C-s1': 4 }, submittedSections: ['C'], group: 'teacher', complete: false });
    await t.repos.responses.markCompleted('r-save-sec', 'k1', at(2));
    await t.repos.responses.markCompleted('r-save-sec', 'k1', at(3));
    const again = await t.repos.responses.saveSection('r-save-sec', 'k1', 'E', { 'E-s1': 2 }, null, at(4));
    expect(again).toMatchObject({ submittedSections: ['C', 'E'], complete: true });
    expect(again).not.toHaveProperty('group');
    const stored = await raw('r-save-sec', 'k1');
    expect(typeof stored!._id).toBe('string');
    expect(Object.keys(stored!).sort()).toEqual(['_id', 'answers', 'complete', 'respondentKey', 'roundId', 'schemaVersion', 'submittedSections']);
    expect(await t.repos.responses.count('r-save-sec')).toEqual({ started: 1, completed: 1 });
  });

  it('upgrade a version-2 document first and drop its time stamps', async () => {
    await t.db.collection('responses').insertOne({ roundId: 'r-sec-v2', respondentKey: 'old', answers: { 'C-s1': 3 }, submittedSections: [], createdAt: T0, updatedAt: T0, schemaVersion: 2 });
    await t.repos.responses.saveSection('r-sec-v2', 'old', 'C', { 'C-s2': 5 }, undefined, at(1));
    await t.repos.responses.markCompleted('r-sec-v2', 'old', at(2));
    const stored = await raw('r-sec-v2', 'old');
    expect(stored).toMatchObject({ schemaVersion: 3, complete: true, answers: { 'C-s1': 3, 'C-s2': 5 }, submittedSections: ['C'] });
    for (const field of ['createdAt', 'updatedAt', 'completedAt']) expect(stored).not.toHaveProperty(field);
  });
});
});
