import * as teams from '.';

test('the composition root and the playground find what they need', () => {
  expect(typeof teams.teamsIntegration).toBe('function');
  expect(new teams.TeamsConfigError('x')).toBeInstanceOf(Error);
  expect(typeof teams.runCardAction).toBe('function');
  expect(typeof teams.renderCard).toBe('function');
  expect(typeof teams.summaryCard).toBe('function');
  expect(typeof teams.parseCommand).toBe('function');
  expect(teams.VERBS).toContain('submitSection');
  expect(teams.CARD_NAMES).toContain('section-form');
});
