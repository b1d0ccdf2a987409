import { progressFromCounts, type DeliveryProgress } from './participation';
import type { Repositories } from './ports';

/**
 * A round's funnel: the invitations by status, and how far the responses got. Counts only, so
 * nobody — the coordinator included — learns who started or finished.
 */
export async function roundProgress(repos: Pick<Repositories, 'participations' | 'responses'>, roundId: string): Promise<DeliveryProgress> {
  const [invitations, responses] = await Promise.all([repos.participations.countByStatus(roundId), repos.responses.count(roundId)]);
  return progressFromCounts(invitations, responses);
}
