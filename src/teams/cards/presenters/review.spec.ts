import { makeRound } from '../../../core/testing/fixtures';
import { buildReview } from '../../../core/views/review';
import { assertValidCard } from '../../../../test/teams/parse-card';
import { reviewCard } from './review';

const round = makeRound();

test('halfway: every section with its state and a change button, and continue', () => {
  const card = reviewCard(buildReview(round, 'nl', 'Europe/Brussels', ['X']));
  assertValidCard(card);
  const json = JSON.stringify(card);
  expect(json.match(/"verb":"openSection"/g)).toHaveLength(3);
  expect(json).toContain('"section":"Y"');
  expect((card.actions as { verb: string }[]).map((a) => a.verb)).toEqual(['start']);
});

test('complete: the thank-you with a done button', () => {
  const card = reviewCard(buildReview(round, 'nl', 'Europe/Brussels', ['X', 'Y', 'reflection']), { justSaved: true });
  assertValidCard(card);
  expect(JSON.stringify(card)).toContain('Bedankt!');
  expect((card.actions as { verb: string }[]).map((a) => a.verb)).toEqual(['done']);
});
