import type { Repositories } from '../ports';
import { randomId } from '../random-id';
import type { ResponseRecord } from '../response';
import type { Round } from '../round';
import { extractQuotes } from './quotes';

/**
 * Copies a closed round's open answers into quotes exactly once, although quote ids are random
 * (a deterministic id would have to come from the respondent key). Each attempt inserts its own
 * batch in full and only then claims the round for it (a compare-and-set on the round), so a
 * claimed batch is always complete; an attempt that finds the round already claimed, or loses the
 * race, has its own batch deleted. A crash anywhere leaves at most an unclaimed batch behind,
 * which the next attempt deletes.
 */
export async function extractQuotesOnce(repos: Pick<Repositories, 'rounds' | 'quotes'>, round: Round, responses: readonly ResponseRecord[], now: Date): Promise<void> {
  let batch = (await repos.rounds.get(round.id))?.quoteBatch;
  if (!batch) {
    const mine = randomId();
    await repos.quotes.insertMany(extractQuotes(round, responses, now, undefined, mine));
    batch = await repos.rounds.claimQuoteBatch(round.id, mine);
  }
  await repos.quotes.discardOtherBatches(round.id, batch);
}
