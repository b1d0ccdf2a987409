import { schoolSlug } from './school';

test('a school short name is its name in lower case, accents and symbols turned into dashes', () => {
  expect(schoolSlug('Campus Zuid')).toBe('campus-zuid');
  expect(schoolSlug('  Sint-Jozef Óude Baan! ')).toBe('sint-jozef-oude-baan');
  expect(schoolSlug('École 3')).toBe('ecole-3');
  expect(schoolSlug('!!!')).toBe('');
  expect(schoolSlug('a'.repeat(39) + ' bcd').length).toBeLessThanOrEqual(40);
  expect(schoolSlug('a'.repeat(39) + ' bcd')).not.toMatch(/-$/);
});
