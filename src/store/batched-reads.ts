import DataLoader from 'dataloader';
import { BSON, type Document } from 'mongodb';

/** At most this many documents asked in one query (an `$in` list); more make a second query. */
const MAX_BATCH = 200;

/**
 * How long the next batch waits for the query still out. Under load a query is answered within a
 * few event-loop turns; one still out after this is stalled (the store is down or a server is
 * being selected), and the reads behind it go out on their own instead of waiting for its
 * timeout and then for their own: an outage costs one timeout, not two.
 */
export const MAX_WAIT_FOR_QUERY_OUT_MS = 200;

/**
 * Point reads that arrive together, sent as one query. Fifty colleagues answering at once each
 * need their round, invitation, response and drafts before Slack gets its answer; read one by
 * one, that is four commands per answer, and on a busy process the driver's work per command
 * (not the database) is what keeps everyone waiting. Reads asked together go out as one query
 * (one `$in` per round), so under load a handful of commands serves dozens of people.
 *
 * Nothing is cached: every read is sent after it was asked, so it sees every write made before
 * it — in this process or another. A key asked twice in one batch (a double click) gets its
 * own copy of the document, so one caller's changes never reach another.
 */
export function readTogether(
  query: (roundId: string, ids: string[]) => Promise<Document[]>,
  idOf: (doc: Document) => string,
): (roundId: string, id: string) => Promise<Document[]> {
  // At most one query of this kind out at a time: reads asked while it runs wait for it and then
  // go together (as a database's group commit), so the busier the process, the larger the batch,
  // and a lone read waits for nothing but the end of its turn.
  let inFlight: Promise<unknown> | undefined;
  const loader = new DataLoader<readonly [string, string], Document[], string>(
    (keys) => {
      const batch = readBatch(keys);
      const done = batch.then(
        () => undefined,
        () => undefined,
      );
      inFlight = done;
      void done.then(() => {
        if (inFlight === done) inFlight = undefined;
      });
      return batch;
    },
    {
      cache: false,
      maxBatchSize: MAX_BATCH,
      batchScheduleFn: (run) => (inFlight ? afterOrWithin(inFlight, MAX_WAIT_FOR_QUERY_OUT_MS, run) : setImmediate(run)),
    },
  );
  async function readBatch(keys: readonly (readonly [string, string])[]): Promise<Document[][]> {
    const byRound = new Map<string, Set<string>>();
    for (const [roundId, id] of keys) {
      let ids = byRound.get(roundId);
      if (!ids) byRound.set(roundId, (ids = new Set()));
      ids.add(id);
    }
    const found = new Map<string, Document[]>();
    await Promise.all(
      [...byRound].map(async ([roundId, ids]) => {
        for (const doc of await query(roundId, [...ids])) {
          const k = `${roundId}\u0000${idOf(doc)}`;
          const docs = found.get(k);
          if (docs) docs.push(doc);
          else found.set(k, [doc]);
        }
      }),
    );
    const handedOut = new Set<string>();
    return keys.map(([roundId, id]) => {
      const k = `${roundId}\u0000${id}`;
      const docs = found.get(k) ?? [];
      if (!handedOut.has(k)) {
        handedOut.add(k);
        return docs;
      }
      // Through BSON, so ids and dates stay what the driver made them.
      return docs.map((doc) => BSON.deserialize(BSON.serialize(doc)));
    });
  }
  return (roundId, id) => loader.load([roundId, id]);
}

/** Runs `run` on the turn after `out` settles, or once `maxWaitMs` have passed, whichever is first; once. */
function afterOrWithin(out: Promise<unknown>, maxWaitMs: number, run: () => void): void {
  let ran = false;
  const go = () => {
    if (ran) return;
    ran = true;
    clearTimeout(timer);
    setImmediate(run);
  };
  const timer = setTimeout(go, maxWaitMs);
  void out.then(go);
}
