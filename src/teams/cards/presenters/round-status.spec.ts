import { makeRound } from '../../../core/testing/fixtures';
import { progressFromCounts } from '../../../core/participation';
import { buildRoundStatus } from '../../../core/views/round-status';
import { assertValidCard } from '../../../../test/teams/parse-card';
import { roundStatusCard } from './round-status';

test('counts, the people not reached by name with the reason, and the actions of the state', () => {
  const round = makeRound();
  const view = buildRoundStatus(round, progressFromCounts({ delivered: 5, undeliverable: 1 }, { started: 2, completed: 2 }), [{ platformUserId: 'u9', undeliverableReason: 'user_left' }], 'nl', 'Europe/Brussels');
  const card = roundStatusCard('nl', [view], (id) => (id === 'u9' ? 'Nele Jacobs' : id));
  assertValidCard(card);
  const json = JSON.stringify(card);
  expect(json).toContain(view.progressLine);
  expect(json).toContain('Nele Jacobs: heeft de werkruimte verlaten');
  expect(json).toContain('1 collega kon niet bereikt worden');
  expect(json.match(/"verb":"(remind|close|cancel)"/g)).toHaveLength(3);
});

test('no rounds yet says how to start one', () => {
  const card = roundStatusCard('en', [], (id) => id);
  assertValidCard(card);
  expect(JSON.stringify(card)).toContain('new round');
});
