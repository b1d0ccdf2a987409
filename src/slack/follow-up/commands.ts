import type { CommandHandler } from '../commands/context';
import { replyText } from '../commands/context';
import { ballotView, actionView, newRoundView, planBlocks } from './run';

/** `stemming` opens the vote (coordinators); `stemming sluit` / `voting close` closes it now. */
export const voting: CommandHandler = async (ctx) => {
  if (['sluit', 'close', 'stop'].includes((ctx.args[0] ?? '').toLowerCase())) {
    await ctx.deps.services.votes.close(ctx.actor);
    await replyText(ctx, ctx.t('followup:vote.closing'));
    return;
  }
  await ctx.deps.services.votes.open(ctx.actor);
  await replyText(ctx, ctx.t('followup:vote.opened'));
};

/** `stem` / `vote`: the ballot, in a modal only the voter sees. */
export const vote: CommandHandler = async (ctx) => {
  await ctx.client.views.open({ trigger_id: ctx.command.trigger_id, view: await ballotView(ctx.deps, ctx.actor) });
};

/** `acties` / `actions`: the plan, to anyone; with edit buttons for those who may. */
export const actionsCommand: CommandHandler = async (ctx) => {
  const { blocks, text } = await planBlocks(ctx.deps, ctx.actor);
  await ctx.reply(blocks, text);
};

/** `actie` / `action`: straight to the form. */
export const actionCommand: CommandHandler = async (ctx) => {
  await ctx.client.views.open({ trigger_id: ctx.command.trigger_id, view: await actionView(ctx.deps, ctx.actor) });
};

/** `herhaal` / `repeat`: the create-round modal with the previous round's choices. */
export const repeat: CommandHandler = async (ctx) => {
  const previous = await ctx.deps.services.repeat.previous(ctx.actor);
  if (!previous) {
    await replyText(ctx, ctx.t('followup:repeat.none'));
    return;
  }
  await ctx.client.views.open({ trigger_id: ctx.command.trigger_id, view: await newRoundView(ctx.deps, ctx.actor, { channelId: ctx.command.channel_id, repeat: previous }) });
};
