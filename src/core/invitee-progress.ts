import type { Participation } from './participation';
import type { Repositories } from './ports';
import { respondentKey } from './response';

/** Where one invitee stands, read from their response. */
export interface InviteeProgress {
  participation: Participation;
  /** At least one section saved, or something typed and paused on (a draft). */
  started: boolean;
  complete: boolean;
}

/**
 * How far each of these invitees got, read from their responses through the respondent key: only
 * whoever holds the secret can pair a person with a response, and nothing of it is stored with
 * the invitation (see Participation). For the reminders: who still needs one, and its wording.
 */
export async function inviteeProgress(
  repos: Pick<Repositories, 'responses' | 'drafts'>,
  secret: string,
  roundId: string,
  participations: readonly Participation[],
): Promise<InviteeProgress[]> {
  // Asked together, the reads go out as a few `$in` queries (the repositories batch them).
  const keys = participations.map((p) => respondentKey(secret, roundId, p.platformUserId));
  const [responses, drafts] = await Promise.all([Promise.all(keys.map((key) => repos.responses.get(roundId, key))), Promise.all(keys.map((key) => repos.drafts.listByRespondent(roundId, key)))]);
  return participations.map((participation, i) => ({
    participation,
    started: (responses[i]?.submittedSections.length ?? 0) > 0 || drafts[i]!.size > 0,
    complete: responses[i]?.complete === true,
  }));
}
