import { plainDates } from './date-mention';
import { buildRemindNow } from './remind-now';

const round = { title: 'Leerzorg', closesAt: new Date('2026-03-13T16:00:00Z') };
const TZ = 'Europe/Brussels';
const now = new Date('2026-03-10T10:00:00Z');
const text = (facts: Partial<Parameters<typeof buildRemindNow>[1]>, lang: 'nl' | 'en' = 'nl') =>
  plainDates(buildRemindNow(round, { unfinished: 4, due: 4, sendsAt: now, now, ...facts }, lang, TZ).text);

describe('buildRemindNow', () => {
  it('inside the hours: how many get one shortly', () => {
    expect(text({})).toBe('4 collega\'s die nog niet klaar zijn, krijgen zo meteen een herinnering voor “Leerzorg” (wie intussen klaar is niet).');
    expect(text({ unfinished: 1, due: 1 }, 'en')).toBe('1 colleague who has not finished gets a reminder for “Leerzorg” shortly (not if they finish in the meantime).');
  });

  it('outside the hours: when it goes out, not "now"', () => {
    const t = text({ sendsAt: new Date('2026-03-11T07:00:00Z'), now: new Date('2026-03-10T19:00:00Z') });
    expect(t).toContain('krijgen woensdag 11 maart om 08:00 een herinnering');
    expect(t).not.toContain('zo meteen');
  });

  it('nobody past the maximum: says who gets none, or that nobody does', () => {
    expect(text({ due: 1 })).toContain('3 andere collega\'s kregen al 3 herinneringen, het maximum');
    expect(text({ due: 0 })).toBe('Er gaat geen herinnering voor “Leerzorg” uit: wie nog niet klaar is, kreeg al 3 herinneringen, het maximum.');
    expect(text({ unfinished: 0, due: 0 }, 'en')).toContain('No reminder for “Leerzorg” goes out');
  });

  it('when the next allowed moment is after closing: none goes out', () => {
    expect(text({ sendsAt: new Date('2026-03-16T07:00:00Z') })).toContain('Er gaat geen herinnering voor “Leerzorg” meer uit');
  });
});
