import type { Participation } from '../../core/participation';
import type { Repositories } from '../../core/ports';
import { announceResultsSpecs } from './announce-results';

const person = (platformUserId: string, status: Participation['status']): Participation =>
  ({ roundId: 'r1', tenantId: 't1', platformUserId, status, remindersSent: 0, invitedAt: new Date(0) }) as Participation;

test('thanks everyone the invitation reached, answered or not, but not who withdrew or was never reached', async () => {
  const participations = [person('done', 'completed'), person('busy', 'started'), person('silent', 'delivered'), person('out', 'opted_out'), person('gone', 'undeliverable')];
  const repos = { participations: { listByRound: async () => participations } } as unknown as Repositories;
  const specs = await announceResultsSpecs({ repos }, { id: 'r1', tenantId: 't1' }, { conversationId: 'C1', messageId: 'm1' }, new Date(0));
  expect(specs.map((s) => s.payload.platformUserId)).toEqual(['done', 'busy', 'silent']);
  expect(new Set(specs.map((s) => s.key)).size).toBe(3);
});
