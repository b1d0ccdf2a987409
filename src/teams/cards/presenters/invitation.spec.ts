import { makeRound } from '../../../core/testing/fixtures';
import { buildInvitation, buildReminder } from '../../../core/views/invitation';
import { assertValidCard } from '../../../../test/teams/parse-card';
import { cardDates } from '../card-dates';
import { invitationCard, reminderCard } from './invitation';

const round = makeRound();

test('the invitation frames the round and offers start, the anonymity details and opting out', () => {
  const view = buildInvitation(round, 'nl', 'Europe/Brussels');
  const card = invitationCard(view);
  assertValidCard(card);
  const json = JSON.stringify(card);
  for (const text of [view.title, view.purpose, view.anonymity, view.duration, view.afterwards, cardDates(view.closes)]) expect(json).toContain(text);
  // The closing moment in the reader's own locale and time zone (the round closes 10:00 Brussels time).
  expect(json).toContain('De bevraging sluit {{DATE(2026-03-16T09:00:00Z, LONG)}} om {{TIME(2026-03-16T09:00:00Z)}}.');
  const actions = card.actions as { type: string; verb?: string; data?: unknown; title: string; card?: unknown }[];
  expect(actions.map((a) => [a.type, a.verb])).toEqual([
    ['Action.Execute', 'start'],
    ['Action.ShowCard', undefined],
    ['Action.Execute', 'optOut'],
    ['Action.Execute', 'language'],
  ]);
  expect(actions[0]!.data).toEqual({ roundId: round.id });
  expect(actions[3]).toMatchObject({ title: 'In English', data: { roundId: round.id, lang: 'en' } });
  expect(JSON.stringify(actions[1]!.card)).toContain(view.anonymityDetails.slice(0, 40));
});

test('a reminder continues where the person left off', () => {
  const card = reminderCard(buildReminder(round, 'en', 'Europe/Brussels', true));
  assertValidCard(card);
  expect(JSON.stringify(card)).toContain('Continue');
  expect((card.actions as { verb: string }[]).map((a) => a.verb)).toEqual(['start', 'optOut']);
});
