import type { Participation } from '../../core/participation';
import type { Repositories } from '../../core/ports';
import { announceResultsSpecs, resultsNotice } from './announce-results';

const person = (platformUserId: string, status: Participation['status']): Participation =>
  ({ roundId: 'r1', tenantId: 't1', platformUserId, status, remindersSent: 0, invitedAt: new Date(0) }) as Participation;

test('thanks everyone the invitation reached, answered or not, but not who withdrew or was never reached', async () => {
  const participations = [person('done', 'delivered'), person('busy', 'delivered'), person('silent', 'delivered'), person('out', 'opted_out'), person('gone', 'undeliverable')];
  const repos = { participations: { listByRound: async () => participations } } as unknown as Repositories;
  const specs = await announceResultsSpecs({ repos }, { id: 'r1', tenantId: 't1' }, { conversationId: 'C1', messageId: 'm1' }, new Date(0));
  expect(specs.map((s) => s.payload.platformUserId)).toEqual(['done', 'busy', 'silent']);
  expect(new Set(specs.map((s) => s.key)).size).toBe(3);
});

test('thanks everyone who took part, not the reader for a contribution: it also reaches who never answered', () => {
  for (const channel of ['#team', '']) {
    const nl = resultsNotice({ title: 'T', language: 'nl' }, channel, undefined).text;
    const en = resultsNotice({ title: 'T', language: 'en' }, channel, undefined).text;
    expect(nl).toContain('Bedankt aan iedereen die meedeed.');
    expect(nl).not.toContain('je bijdrage');
    expect(en).toContain('Thank you to everyone who took part.');
    expect(en).not.toContain('Thank you for taking part');
  }
});
