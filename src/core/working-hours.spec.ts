import { describeWorkingHours, parseWorkingHours } from './working-hours';

describe('parseWorkingHours', () => {
  it('reads days and a window', () => {
    expect(parseWorkingHours('mon-fri 08:00-18:00')).toEqual({ start: '08:00', end: '18:00', days: [1, 2, 3, 4, 5] });
    expect(parseWorkingHours('mon,wed,fri 07:30-16:00')).toEqual({ start: '07:30', end: '16:00', days: [1, 3, 5] });
    expect(parseWorkingHours('  Sat-Mon 22:00-06:00 ')).toEqual({ start: '22:00', end: '06:00', days: [1, 6, 7] });
  });

  it('reads always as every hour of every day', () => {
    expect(parseWorkingHours('always')).toEqual({ start: '00:00', end: '24:00', days: [1, 2, 3, 4, 5, 6, 7] });
  });

  it.each(['', 'weekdays', 'mon-fri', 'mon-fri 8:00-18:00', 'mon-fri 08:00-25:00', 'mon-xyz 08:00-18:00', 'mon-fri 08:00-08:00', 'mon-tue-wed 08:00-18:00'])(
    'refuses %p',
    (text) => expect(parseWorkingHours(text)).toBeUndefined(),
  );
});

describe('describeWorkingHours', () => {
  it('says the school’s own hours, not a fixed "werkdagen tussen 8 en 18 uur"', () => {
    expect(describeWorkingHours(parseWorkingHours('mon-fri 08:00-18:00')!, 'nl')).toBe('Uitnodigingen en herinneringen gaan alleen van maandag tot vrijdag tussen 08:00 en 18:00 uit.');
    expect(describeWorkingHours(parseWorkingHours('mon,wed,fri 07:30-16:00')!, 'nl')).toBe('Uitnodigingen en herinneringen gaan alleen op maandag, woensdag en vrijdag tussen 07:30 en 16:00 uit.');
    expect(describeWorkingHours(parseWorkingHours('mon-fri 07:30-16:00')!, 'en')).toBe('Invitations and reminders only go out from Monday to Friday between 07:30 and 16:00.');
    expect(describeWorkingHours(parseWorkingHours('always')!, 'en')).toBe('Invitations and reminders go out at any time.');
  });
});
