import { tinyQuestionnaire } from '../../../core/testing/fixtures';
import { assertValidCard } from '../../../../test/teams/parse-card';
import { defaultRoundForm } from '../round-form-input';
import { roundFormCard } from './round-form';

const questionnaire = tinyQuestionnaire();
const state = defaultRoundForm({ questionnaire, lang: 'nl', now: new Date('2026-03-02T09:00:00Z'), timeZone: 'Europe/Brussels' });
const team = { kind: 'team' as const, id: '19:t', name: 'Leraren', size: 12 };

test('in a team channel the audience is that team, carried in the submit', () => {
  const card = roundFormCard({ lang: 'nl', questionnaire, state, audiences: [team], fixedAudience: team });
  assertValidCard(card);
  const json = JSON.stringify(card);
  expect(json).toContain('Alle leden van het team Leraren (12 personen)');
  expect(json).not.toContain('"id":"audienceId"');
  expect(card.actions).toEqual([expect.objectContaining({ verb: 'createRound', data: { fixedAudienceId: '19:t', submission: expect.stringMatching(/^[0-9a-f-]{36}$/), inputs: expect.any(String) } })]);
  for (const id of ['title', 'dimensionIds', 'depth', 'includeReflection', 'closesDate', 'closesTime', 'reminderHours', 'moderation']) expect(json).toContain(`"id":"${id}"`);
  expect(json).toContain('"value":"X,Y"');
  expect(json).toContain('"value":"2026-03-16"');
  expect(json).toContain('"value":"72,24"');
});

test('in personal chat the coordinator picks the team; errors show on the card', () => {
  const card = roundFormCard({ lang: 'en', questionnaire, state, audiences: [team, { ...team, id: '19:u', name: 'Zorg', size: 1 }], errors: { closesDate: 'Choose a valid date and time.', _form: 'Other' } });
  assertValidCard(card);
  const json = JSON.stringify(card);
  expect(json).toContain('"id":"audienceId"');
  expect(json).toContain('Every member of the team Zorg (1 person)');
  expect(json).toContain('Choose a valid date and time.');
  expect(json).toContain('Other');
});

test('every form built is a new submission: its id is fresh each time, unless one is given', () => {
  const submissionOf = (card: ReturnType<typeof roundFormCard>) => (card.actions as { data: { submission: string } }[])[0]!.data.submission;
  const build = (submission?: string) => roundFormCard({ lang: 'nl', questionnaire, state, audiences: [team], fixedAudience: team, ...(submission ? { submission } : {}) });
  expect(submissionOf(build())).not.toBe(submissionOf(build()));
  expect(submissionOf(build('0123456789abcdef-given'))).toBe('0123456789abcdef-given');
});
