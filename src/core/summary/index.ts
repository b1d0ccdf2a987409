/** The summary of a closed round: model, computation, quote extraction and moderation, display helpers. */
export * from './model';
export { buildSummary, buildSummaryFromTally, type SummaryInput, type TalliedSummaryInput } from './build-summary';
export { trendAgainst, type PreviousRound } from './trend';
export { GAP_THRESHOLD, MAX_GAP_CALLOUTS, groupComparisons, largestGaps } from './group-gaps';
export { responseRate } from './response-rate';
export { extractQuotes, quoteText, visibleQuotes } from './quotes';
export { extractQuotesOnce } from './extract-once';
export { approveQuote, editQuote, hideQuote, pendingQuotes, tagQuote } from './moderation';
export { THEMES, findTheme, isThemeId, themeCounts, type Theme, type ThemeKind } from './themes';
export { submittedAnswerSets, sectionRespondents } from './answer-sets';
export * from './labels';
export { withModeratedQuotes } from './refresh-quotes';
