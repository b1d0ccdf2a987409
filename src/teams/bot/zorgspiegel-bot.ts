import {
  CardFactory,
  TeamsActivityHandler,
  TurnContext,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
} from 'botbuilder';
import type { SendResult } from '../../core/messenger';
import type { Actor } from '../../core/services';
import type { Tenant } from '../../core/tenant';
import { resolveLang, t } from '../../i18n';
import { runCardAction, type CardActionDeps, type CardActionResult } from '../card-actions';
import { noticeCard } from '../cards/presenters/notice';
import { teamOf } from '../identity';
import { actorFor, type SchoolHint } from '../school';
import { parseCommand, type Command } from './commands';
import { learnLanguage } from './language';
import { botWasAdded, botWasRemoved, installInTeam, installPersonal, rememberPersonalConversation, uninstallFromTeam, type InstallationDeps } from './installation';

export type BotDeps = InstallationDeps & {
  cardActions: CardActionDeps;
  /** Sends a card into a person's 1:1 chat with the bot (the Teams messenger). */
  personalChat?: { sendCardDirect(tenant: Tenant, platformUserId: string, card: Record<string, unknown>): Promise<SendResult> };
};

/** Whether a card can be acted on (a button or an input): such a card never goes into a channel. */
function hasControls(card: unknown): boolean {
  return /"type":"(Action\.|Input\.)/.test(JSON.stringify(card));
}

const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';
const ACTIVITY_MESSAGE = 'application/vnd.microsoft.activity.message';

/** Each command is the same verb a card button uses. */
const VERB_OF: Record<Command, string> = {
  help: 'help',
  newRound: 'newRound',
  status: 'status',
  remind: 'remind',
  close: 'close',
  publish: 'publish',
  cancel: 'cancel',
  export: 'export',
  settings: 'settings',
  moderate: 'moderate',
  openVote: 'openVote',
  vote: 'vote',
  closeVote: 'closeVote',
  actions: 'actions',
  repeatRound: 'repeatRound',
};

/** The round or school a card's data names (strings only: the rest of the data is the form's). */
function schoolHint(data: Record<string, unknown>): SchoolHint {
  return {
    ...(typeof data.roundId === 'string' && data.roundId ? { roundId: data.roundId } : {}),
    ...(typeof data.schoolId === 'string' && data.schoolId ? { schoolId: data.schoolId } : {}),
  };
}

/**
 * The Teams bot: installs (team and personal), typed commands, and `Action.Execute` invokes.
 * It translates Teams activities into card actions and back; every decision is the core's.
 */
export class ZorgspiegelBot extends TeamsActivityHandler {
  constructor(private readonly deps: BotDeps) {
    super();
    // Before any handler: the person's language from this activity's locale (any kind of activity).
    this.onTurn(async (context, next) => {
      await learnLanguage(context, deps).catch((e: unknown) => deps.logger.warn({ err: e }, 'could not record the language of a Teams activity'));
      await next();
    });
    this.onConversationUpdate(async (context, next) => {
      await this.guard(context, async () => {
        const inTeam = Boolean(teamOf(context.activity));
        if (botWasAdded(context)) await (inTeam ? installInTeam(context, deps) : context.activity.conversation.conversationType === 'personal' ? installPersonal(context, deps) : undefined);
        else if (botWasRemoved(context) && inTeam) await uninstallFromTeam(context, deps);
      });
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      // Teams sends this next to the conversationUpdate; both paths are idempotent.
      await this.guard(context, () => (teamOf(context.activity) ? installInTeam(context, deps) : installPersonal(context, deps)));
      await next();
    });
    this.onMessage(async (context, next) => {
      await this.guard(context, () => this.handleMessage(context));
      await next();
    });
  }

  /** Logs a failure and tells the person something went wrong, instead of failing the turn. */
  private async guard(context: TurnContext, work: () => Promise<unknown>): Promise<void> {
    try {
      await work();
    } catch (e) {
      this.deps.logger.error({ err: e, type: context.activity.type }, 'Teams activity failed');
      if (context.activity.type === 'message') {
        await context.sendActivity(t(resolveLang(context.activity.locale, 'nl'), 'teams:errors.generic')).catch(() => undefined);
      }
    }
  }

  private async actor(context: TurnContext, hint: SchoolHint = {}): Promise<Actor> {
    await rememberPersonalConversation(context, this.deps);
    return actorFor(this.deps, context.activity, hint);
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const actor = await this.actor(context);
    // In a channel the text starts with "<at>Zorgspiegel</at>"; the command is what follows.
    const text = TurnContext.removeRecipientMention(context.activity) ?? context.activity.text ?? '';
    const parsed = parseCommand(text);
    const teamId = teamOf(context.activity)?.id;
    let result: CardActionResult;
    if (parsed.command === 'unknown') {
      result = {
        kind: 'card',
        card: noticeCard({ lang: actor.lang, text: t(actor.lang, 'teams:unknownCommand', { word: parsed.word }), tone: 'info', action: { id: 'help', label: t(actor.lang, 'teams:welcome.help') } }),
      };
    } else {
      const verb = parsed.command === 'none' ? 'help' : VERB_OF[parsed.command];
      result = await runCardAction(this.deps.cardActions, actor, verb, {}, { teamId });
      // Typed in a team channel: a form or a card with buttons goes to the person's own chat with
      // the bot, where nobody else can press it; the channel gets one line saying so.
      if (teamId && verb !== 'help' && result.kind === 'card' && hasControls(result.card)) {
        await this.answerPersonally(context, actor, result.card, text);
        return;
      }
    }
    if (result.kind === 'card') await context.sendActivity({ attachments: [CardFactory.adaptiveCard(result.card)] });
    else await context.sendActivity(result.kind === 'message' ? result.text : result.message);
  }

  private async answerPersonally(context: TurnContext, actor: Actor, card: Record<string, unknown>, typed: string): Promise<void> {
    const sent = this.deps.personalChat ? await this.deps.personalChat.sendCardDirect(actor.tenant, actor.platformUserId, card) : undefined;
    if (sent?.ok) {
      await context.sendActivity(t(actor.lang, 'teams:sentPersonally'));
      return;
    }
    if (sent) this.deps.logger.warn({ detail: sent.detail }, 'could not answer a channel command in the personal chat');
    await context.sendActivity(t(actor.lang, 'teams:personalChatNeeded', { command: typed.trim() }));
  }

  /**
   * A click on an `Action.Execute` button: the answer is the card that replaces the clicked one.
   * A failure (nothing was saved) is answered as a message: Teams shows it to the person who
   * clicked and leaves the card as it was, with what they typed, so they can try again.
   */
  protected override async onAdaptiveCardInvoke(context: TurnContext, invokeValue: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    let result: CardActionResult;
    try {
      const data = (invokeValue.action?.data ?? {}) as Record<string, unknown>;
      const actor = await this.actor(context, schoolHint(data));
      result = await runCardAction(this.deps.cardActions, actor, invokeValue.action?.verb ?? '', data, {
        teamId: teamOf(context.activity)?.id,
        cardMessageId: context.activity.replyToId,
      });
    } catch (e) {
      this.deps.logger.error({ err: e }, 'Teams card action failed');
      result = { kind: 'error', message: t(resolveLang(context.activity.locale, 'nl'), 'teams:errors.generic') };
    }
    if (result.kind === 'card') return { statusCode: 200, type: ADAPTIVE_CARD, value: result.card };
    // Teams shows a message answer to the person who clicked and leaves the card as it is. An
    // error goes the same way: botbuilder makes the body's statusCode the HTTP status, and Teams
    // wants HTTP 200 for every adaptiveCard/action (the outcome is in the body); a 500 would only
    // show the client's own generic failure, not our words.
    const text = result.kind === 'message' ? result.text : result.message;
    return { statusCode: 200, type: ACTIVITY_MESSAGE, value: text as unknown as Record<string, unknown> };
  }
}
