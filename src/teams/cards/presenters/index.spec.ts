import * as presenters from '.';

test('every card builder is exported for the playground', () => {
  for (const name of ['invitationCard', 'reminderCard', 'noticeCard', 'sectionFormCard', 'reviewCard', 'roundFormCard', 'roundStatusCard', 'settingsCard', 'moderationCard', 'summaryCard', 'teamWelcomeCard', 'personalWelcomeCard', 'helpCard', 'defaultRoundForm', 'readRoundForm', 'closesAt']) {
    expect(typeof (presenters as Record<string, unknown>)[name]).toBe('function');
  }
});
