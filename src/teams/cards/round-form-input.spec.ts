import { tinyQuestionnaire } from '../../core/testing/fixtures';
import { closesAt, defaultRoundForm, readRoundForm } from './round-form-input';

test('the default: everything, detailed, with reflection and moderation, closing in two weeks at 17:00 local', () => {
  const state = defaultRoundForm({ questionnaire: tinyQuestionnaire(), lang: 'nl', now: new Date('2026-03-20T10:00:00Z'), timeZone: 'Europe/Brussels', audienceId: 't' });
  expect(state).toEqual({
    title: 'Beginsituatieanalyse leerzorg maart 2026',
    dimensionIds: ['X', 'Y'],
    depth: 'detailed',
    includeReflection: true,
    audienceId: 't',
    closesDate: '2026-04-03',
    closesTime: '17:00',
    reminderHours: [72, 24],
    moderation: true,
    groupDimensions: [],
  });
  // 3 April is after the switch to summer time: 17:00 in Brussels is 15:00 UTC.
  expect(closesAt(state, 'Europe/Brussels')!.toISOString()).toBe('2026-04-03T15:00:00.000Z');
});

test('reading the card back: comma lists, toggles, a fixed audience, nothing thrown on junk', () => {
  expect(
    readRoundForm({ title: ' Ronde ', dimensionIds: 'X, Y', depth: 'quick', includeReflection: 'false', fixedAudienceId: 't', closesDate: '2026-05-01', closesTime: '09:30', reminderHours: '24,abc,-3', moderation: 'false' }),
  ).toEqual({ title: 'Ronde', dimensionIds: ['X', 'Y'], depth: 'quick', includeReflection: false, audienceId: 't', closesDate: '2026-05-01', closesTime: '09:30', reminderHours: [24], moderation: false, groupDimensions: [] });
  expect(readRoundForm({ audienceId: 'chosen', fixedAudienceId: 'fixed', depth: 42 })).toMatchObject({ audienceId: 'chosen', depth: 'detailed', dimensionIds: [], includeReflection: true, closesTime: '17:00' });
});

test('a date that is not a date is undefined, for the card to complain about', () => {
  expect(closesAt({ closesDate: '2026-02-30', closesTime: '17:00' }, 'Europe/Brussels')).toBeUndefined();
  expect(closesAt({ closesDate: 'morgen', closesTime: '17:00' }, 'Europe/Brussels')).toBeUndefined();
  expect(closesAt({ closesDate: '2026-02-20', closesTime: '25:00' }, 'Europe/Brussels')).toBeUndefined();
});

test('the per-group inputs come back as a list of pairs, whatever their names (the core checks them)', () => {
  const data = JSON.parse('{"groupDimensions.teacher":"X,Y","groupDimensions.support-staff":"","groupDimensions.__proto__":"X","groupDimensionsX":"Y"}');
  expect(readRoundForm(data).groupDimensions).toEqual([
    { group: 'teacher', dimensionIds: ['X', 'Y'] },
    { group: 'support-staff', dimensionIds: [] },
    { group: '__proto__', dimensionIds: ['X'] },
  ]);
  expect(({} as Record<string, unknown>).dimensionIds).toBeUndefined();
});
