/**
 * Microsoft Teams for Zorgspiegel. The composition root needs `teamsIntegration`; the playground
 * reuses the cards (`renderCard`, the presenters) and the card routing (`runCardAction`).
 */
export { teamsIntegration } from './teams-integration';
export { TeamsConfigError } from './http/create-adapter';
export { runCardAction, type CardActionDeps, type CardActionContext, type CardActionResult, type ExportFile } from './card-actions';
export { renderCard, cardTemplate, CARD_NAMES, CARDS_DIR, type AdaptiveCard, type CardName } from './cards/render-card';
export * from './cards/presenters';
export { VERBS, isVerb, type Verb } from './cards/verbs';
export { parseCommand, COMMAND_WORDS, type Command } from './bot/commands';
