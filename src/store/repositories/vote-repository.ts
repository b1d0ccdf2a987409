import { randomBytes, randomInt } from 'node:crypto';
import type { Db, Document, UpdateFilter } from 'mongodb';
import type { PriorityVote } from '../../core/vote/model';
import type { VoteRepository } from '../../core/vote/ports';
import { SurveyError } from '../../core/errors';
import { collection, type StringIdDocument } from '../collections';
import { isDuplicateKeyError } from '../errors';
import { fromDocument, toDocument } from '../schema-version';

/**
 * Votes with their ballots inside, and a separate voter list. A ballot is `{ id, choices }` with a
 * random id, pushed at a random position; the voter record's `_id` is "<vote>:<keyed hash>" (no
 * ObjectId, so no time stamp) and holds nothing else but the vote id. Nothing lines a ballot up
 * with a voter: not order, not time, not an id.
 */
export function createVoteRepository(db: Db): VoteRepository {
  const votes = collection<StringIdDocument>(db, 'votes');
  const voters = collection<StringIdDocument>(db, 'voteVoters');
  const read = (doc: Document | null) => (doc ? fromDocument<PriorityVote>('votes', doc, 'id') : null);
  // Readers never get the ballots with the vote; only `ballots()` hands them out, for the tally.
  const withoutBallots = { projection: { ballots: 0 } };
  const voterId = (voteId: string, voterKey: string) => `${voteId}:${voterKey}`;

  return {
    async create(vote) {
      try {
        await votes.insertOne({ ...(toDocument('votes', vote, 'id') as StringIdDocument), ballots: [] });
        return vote;
      } catch (e) {
        if (!isDuplicateKeyError(e)) throw e;
        return read(await votes.findOne({ _id: vote.id }, withoutBallots))!;
      }
    },

    async get(id) {
      return read(await votes.findOne({ _id: id }, withoutBallots));
    },

    async listOpen(tenantId) {
      return (await votes.find({ tenantId, state: 'open' }, withoutBallots).sort({ openedAt: -1 }).toArray()).map((d) => read(d)!);
    },

    async cast(voteId, voterKey, ballot) {
      try {
        await voters.insertOne({ _id: voterId(voteId, voterKey), voteId, schemaVersion: 1 });
      } catch (e) {
        if (isDuplicateKeyError(e)) return 'already_voted';
        throw e;
      }
      try {
        const box = await votes.findOne({ _id: voteId }, { projection: { ballots: 1 } });
        const position = randomInt(0, (Array.isArray(box?.ballots) ? box.ballots.length : 0) + 1);
        const pushed = await votes.updateOne(
          { _id: voteId, state: 'open' },
          { $push: { ballots: { $each: [{ id: randomBytes(12).toString('base64url'), choices: ballot.choices }], $position: position } } } as unknown as UpdateFilter<StringIdDocument>,
        );
        // Closed between the check and the ballot: the person is told, and not counted.
        if (pushed.matchedCount === 0) throw new SurveyError('vote_closed');
        return 'cast';
      } catch (e) {
        // The ballot did not go in: take the voter record back so the person can try again.
        await voters.deleteOne({ _id: voterId(voteId, voterKey) }).catch(() => undefined);
        throw e;
      }
    },

    async hasVoted(voteId, voterKey) {
      return (await voters.countDocuments({ _id: voterId(voteId, voterKey) }, { limit: 1 })) > 0;
    },

    async countVoters(voteId) {
      return voters.countDocuments({ voteId });
    },

    async ballots(voteId) {
      const doc = await votes.findOne({ _id: voteId }, { projection: { ballots: 1 } });
      const list = Array.isArray(doc?.ballots) ? (doc.ballots as { choices?: unknown }[]) : [];
      return list.map((b) => ({ choices: Array.isArray(b.choices) ? b.choices.filter((c): c is string => typeof c === 'string') : [] }));
    },

    async close(voteId, result, now) {
      const doc = await votes.findOneAndUpdate({ _id: voteId, state: 'open' }, { $set: { state: 'closed', closedAt: now, result } }, { returnDocument: 'after', ...withoutBallots });
      return read(doc);
    },

    async setPost(voteId, post) {
      await votes.updateOne({ _id: voteId }, { $set: { post } });
    },
  };
}
