import type { types, webApi } from '@slack/bolt';

/**
 * Slack's own Block Kit and Web API types, reached through @slack/bolt (our one Slack dependency)
 * rather than its transitive packages, so an upgrade of Bolt keeps them in step.
 */
export type KnownBlock = types.KnownBlock;
export type PlainTextElement = types.PlainTextElement;
export type PlainTextOption = types.PlainTextOption;
export type ModalView = types.ModalView;
export type HomeView = types.HomeView;
export type WebClient = webApi.WebClient;
export type WebClientOptions = webApi.WebClientOptions;
