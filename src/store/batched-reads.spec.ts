import type { Document } from 'mongodb';
import { MAX_WAIT_FOR_QUERY_OUT_MS, readTogether } from './batched-reads';

/** A collection of invitations as a query function sees it, counting the queries it is sent. */
function invitations(docs: Document[]) {
  const queries: { roundId: string; ids: string[] }[] = [];
  let fail: Error | undefined;
  const read = readTogether(
    async (roundId, ids) => {
      queries.push({ roundId, ids });
      if (fail) throw fail;
      return docs.filter((d) => d.roundId === roundId && ids.includes(String(d.userId))).map((d) => ({ ...d }));
    },
    (doc) => String(doc.userId),
  );
  return { read, queries, failNext: (e: Error | undefined) => (fail = e) };
}

const DOCS = [
  { roundId: 'r1', userId: 'U1', status: 'delivered', invitedAt: new Date('2026-03-02T09:00:00Z') },
  { roundId: 'r1', userId: 'U2', status: 'started' },
  { roundId: 'r2', userId: 'U1', status: 'pending' },
];

describe('readTogether', () => {
  it('sends reads asked in the same turn as one query per round, and gives each caller its own documents', async () => {
    const { read, queries } = invitations(DOCS);
    const [a, b, c, missing] = await Promise.all([read('r1', 'U1'), read('r1', 'U2'), read('r2', 'U1'), read('r1', 'U9')]);
    expect(queries).toEqual([
      { roundId: 'r1', ids: ['U1', 'U2', 'U9'] },
      { roundId: 'r2', ids: ['U1'] },
    ]);
    expect(a).toEqual([DOCS[0]]);
    expect(b).toEqual([DOCS[1]]);
    expect(c).toEqual([DOCS[2]]);
    expect(missing).toEqual([]);
  });

  it('while a query is out, reads asked in later turns wait for it and then go out together', async () => {
    const queries: string[][] = [];
    let release!: () => void;
    const first = new Promise<void>((r) => (release = r));
    const read = readTogether(
      async (roundId, ids) => {
        queries.push(ids);
        if (queries.length === 1) await first;
        return ids.map((userId) => ({ roundId, userId }));
      },
      (doc) => String(doc.userId),
    );
    const turn = () => new Promise((r) => setImmediate(r));
    const a = read('r1', 'U1');
    await turn();
    await turn();
    expect(queries).toEqual([['U1']]);
    const b = read('r1', 'U2');
    await turn();
    const c = read('r1', 'U3');
    await turn();
    // Still only the first one out: the others wait for it.
    expect(queries).toEqual([['U1']]);
    release();
    expect((await Promise.all([a, b, c])).map((docs) => docs[0]!.userId)).toEqual(['U1', 'U2', 'U3']);
    expect(queries).toEqual([['U1'], ['U2', 'U3']]);
  });

  it('does not wait for a stalled query beyond a bound: the reads behind it go out on their own', async () => {
    const queries: string[][] = [];
    const read = readTogether(
      async (roundId, ids) => {
        queries.push(ids);
        // The first query hangs, as one does while the store is unreachable.
        if (queries.length === 1) await new Promise(() => undefined);
        return ids.map((userId) => ({ roundId, userId }));
      },
      (doc) => String(doc.userId),
    );
    void read('r1', 'U1');
    await new Promise((r) => setImmediate(r));
    const startedAt = Date.now();
    const b = read('r1', 'U2');
    await new Promise((r) => setTimeout(r, MAX_WAIT_FOR_QUERY_OUT_MS / 4));
    expect(queries).toEqual([['U1']]);
    expect((await b)[0]!.userId).toBe('U2');
    expect(queries).toEqual([['U1'], ['U2']]);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(MAX_WAIT_FOR_QUERY_OUT_MS - 5);
    expect(Date.now() - startedAt).toBeLessThan(MAX_WAIT_FOR_QUERY_OUT_MS + 1_000);
  });

  it('keeps nothing: a read asked after another was answered is a query of its own, and sees what changed', async () => {
    const docs = DOCS.map((d) => ({ ...d }));
    const { read, queries } = invitations(docs);
    expect((await read('r1', 'U1'))[0]!.status).toBe('delivered');
    docs[0]!.status = 'completed';
    expect((await read('r1', 'U1'))[0]!.status).toBe('completed');
    expect(queries).toHaveLength(2);
  });

  it('gives a key asked twice in one batch (a double click) two separate copies, dates still dates', async () => {
    const { read, queries } = invitations(DOCS);
    const [first, second] = await Promise.all([read('r1', 'U1'), read('r1', 'U1')]);
    expect(queries).toEqual([{ roundId: 'r1', ids: ['U1'] }]);
    first[0]!.status = 'changed by the first caller';
    expect(second[0]!.status).toBe('delivered');
    expect(second[0]!.invitedAt).toBeInstanceOf(Date);
    expect(second[0]!.invitedAt).toEqual(DOCS[0]!.invitedAt);
  });

  it('fails every read of a failed query, and the next reads are sent afresh', async () => {
    const { read, queries, failNext } = invitations(DOCS);
    failNext(new Error('store down'));
    const results = await Promise.allSettled([read('r1', 'U1'), read('r1', 'U2')]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    failNext(undefined);
    expect(await read('r1', 'U2')).toEqual([DOCS[1]]);
    expect(queries).toHaveLength(2);
  });

  it('splits a very large batch over several queries', async () => {
    const many = Array.from({ length: 450 }, (_, i) => ({ roundId: 'r1', userId: `U${i}` }));
    const { read, queries } = invitations(many);
    const results = await Promise.all(many.map((d) => read('r1', d.userId)));
    expect(results.every((r, i) => r.length === 1 && r[0]!.userId === `U${i}`)).toBe(true);
    expect(queries.length).toBe(3);
    expect(Math.max(...queries.map((q) => q.ids.length))).toBeLessThanOrEqual(200);
  });
});
