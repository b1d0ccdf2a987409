/** Every card of the product, from the core's platform-neutral views. */
export { invitationCard, reminderCard } from './invitation';
export { noticeCard, type NoticeExtras } from './notice';
export { sectionFormCard, type SectionFormExtras } from './section-form';
export { reviewCard, type ReviewExtras } from './review';
export { roundFormCard, type RoundFormCardInput } from './round-form';
export { roundStatusCard } from './round-status';
export { settingsCard, type SettingsOptions } from './settings';
export { moderationCard } from './moderation';
export { summaryCard, type SummaryChart } from './summary';
export { teamWelcomeCard, personalWelcomeCard, helpCard } from './welcome';
export { defaultRoundForm, readRoundForm, closesAt, type AudienceOption, type RoundFormState } from '../round-form-input';
