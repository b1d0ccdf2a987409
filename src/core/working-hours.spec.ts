import { parseWorkingHours } from './working-hours';

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
