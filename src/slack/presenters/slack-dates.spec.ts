import { mentionDateTime, mentionDay } from '../../core/views/date-mention';
import { context, header, plain } from './blocks';
import { slackDates } from './slack-dates';

const closes = new Date('2026-12-15T16:00:00Z');
const unix = closes.getTime() / 1000;

test('a date in mrkdwn becomes Slack’s date token with the unix time and our wording as fallback', () => {
  expect(slackDates(`De bevraging sluit ${mentionDateTime(closes, 'nl', 'Europe/Brussels')}.`)).toBe(
    `De bevraging sluit <!date^${unix}^{date_long_pretty} om {time}|dinsdag 15 december om 17:00>.`,
  );
  expect(slackDates(mentionDateTime(closes, 'en', 'Europe/Brussels'))).toBe(`<!date^${unix}^{date_long_pretty} at {time}|Tuesday 15 December at 17:00>`);
});

test('a calendar day shows as a long date', () => {
  const noon = Date.parse('2027-06-12T10:00:00Z') / 1000;
  expect(slackDates(mentionDay('2027-06-12', 'nl', 'Europe/Brussels', 'zaterdag 12 juni 2027'))).toBe(`<!date^${noon}^{date_long}|zaterdag 12 juni 2027>`);
});

test('context blocks carry the token; plain_text and headers the fallback', () => {
  const text = mentionDateTime(closes, 'nl', 'Europe/Brussels');
  expect(JSON.stringify(context(text))).toContain(`<!date^${unix}^`);
  expect(plain(text).text).toBe('dinsdag 15 december om 17:00');
  expect(JSON.stringify(header(`Sluit ${text}`))).toContain('Sluit dinsdag 15 december om 17:00');
});
