import { t } from '../../i18n';
import { progressFromCounts } from '../participation';
import { makeRound } from '../testing/fixtures';
import { DEFAULT_QUIET_HOURS } from '../tenant';
import { plainDates } from './date-mention';
import { buildRoundStatus } from './round-status';

const NO_PROGRESS = progressFromCounts({}, { started: 0, completed: 0 });

const TZ = 'Europe/Brussels';

describe('buildRoundStatus', () => {
  it('says invitations go out from the next moment the school’s hours allow, not from a weekend opening', () => {
    // Saturday 7 March 2026, 10:00 in Brussels: invitations wait for Monday 08:00.
    const round = makeRound({ state: 'open', opensAt: new Date('2026-03-07T09:00:00Z') });
    const view = buildRoundStatus(round, NO_PROGRESS, [], 'nl', TZ, { quietHours: DEFAULT_QUIET_HOURS });
    expect(plainDates(view.opens)).toBe('zaterdag 7 maart om 10:00');
    expect(plainDates(view.invitationsFrom)).toBe('maandag 9 maart om 08:00');
    const created = plainDates(t('nl', 'cards:roundForm.createdText', { opens: view.invitationsFrom, closes: view.closes, audience: 'Leraren' }));
    expect(created).toContain('De uitnodigingen gaan vanaf maandag 9 maart om 08:00 uit naar Leraren');
    // Within the hours, or with every hour allowed, that is the opening moment itself.
    const always = { start: '00:00', end: '24:00', days: [1, 2, 3, 4, 5, 6, 7] };
    expect(plainDates(buildRoundStatus(round, NO_PROGRESS, [], 'en', TZ, { quietHours: always }).invitationsFrom)).toBe(plainDates(buildRoundStatus(round, NO_PROGRESS, [], 'en', TZ).opens));
  });

  it('picks the confirmation per round: closing without screening publishes at once, or waits for a channel', () => {
    expect(buildRoundStatus(makeRound({ moderation: true }), NO_PROGRESS, [], 'nl', TZ, { hasTeamChannel: true }).confirmKeys).toEqual({
      close: 'cards:confirm.close.textReview',
      publish: 'cards:confirm.publish.textApproved',
      cancel: 'cards:confirm.cancel.text',
    });
    expect(buildRoundStatus(makeRound({ moderation: false }), NO_PROGRESS, [], 'nl', TZ, { hasTeamChannel: true }).confirmKeys.close).toBe('cards:confirm.close.textPublish');
    expect(buildRoundStatus(makeRound({ moderation: false }), NO_PROGRESS, [], 'nl', TZ, { hasTeamChannel: false }).confirmKeys.close).toBe('cards:confirm.close.textNoChannel');
    expect(buildRoundStatus(makeRound({ moderation: false }), NO_PROGRESS, [], 'nl', TZ, { hasTeamChannel: true }).confirmKeys.publish).toBe('cards:confirm.publish.textNotHidden');
    // Without a team channel publishing has nowhere to go: the question says so instead of promising the channel.
    expect(buildRoundStatus(makeRound({ moderation: true }), NO_PROGRESS, [], 'nl', TZ).confirmKeys.publish).toBe('cards:confirm.publish.textNoChannel');
  });

  it('says what closing does with the summary', () => {
    expect(buildRoundStatus(makeRound({ moderation: true }), NO_PROGRESS, [], 'nl', TZ, { hasTeamChannel: true }).afterClose).toBe('review');
    expect(buildRoundStatus(makeRound({ moderation: false }), NO_PROGRESS, [], 'nl', TZ, { hasTeamChannel: true }).afterClose).toBe('publish');
    expect(buildRoundStatus(makeRound({ moderation: false }), NO_PROGRESS, [], 'nl', TZ).afterClose).toBe('noChannel');
  });
});
