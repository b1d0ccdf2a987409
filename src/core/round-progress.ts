import { progressFromCounts, type DeliveryProgress } from './participation';
import type { Repositories } from './ports';
import type { Round } from './round';

/**
 * A round's funnel: the invitations by status, and how far the responses got (as counted when
 * its raw answers were deleted, once they are). Counts only, so nobody — the coordinator
 * included — learns who started or finished.
 */
export async function roundProgress(repos: Pick<Repositories, 'participations' | 'responses'>, round: Pick<Round, 'id' | 'responseCounts'>): Promise<DeliveryProgress> {
  const [invitations, responses] = await Promise.all([repos.participations.countByStatus(round.id), round.responseCounts ?? repos.responses.count(round.id)]);
  return progressFromCounts(invitations, responses);
}
