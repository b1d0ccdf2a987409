import type { RoundState } from '../../core/round';
import { chunkBlocks, escapeKeepingMentions, sections } from '../presenters/blocks';
import { helpBlocks } from '../presenters/help';
import { roundStatusListBlocks } from '../presenters/round-status';
import { settingsModal } from '../presenters/settings';
import { performRoundAction, type ExportFormat } from '../round-actions';
import type { RoundActionId } from '../ids';
import { pickRound, type CommandHandler } from './context';
import { splitExportArgs, type Subcommand } from './parse';
import { school } from './school';
import { actionCommand, actionsCommand, repeat, vote, voting } from '../follow-up/commands';
import { newRoundView } from '../follow-up/run';

const help: CommandHandler = async (ctx) => {
  const isCoordinator = ctx.actor.tenant.settings.coordinators.includes(ctx.actor.platformUserId);
  const claimable = ctx.actor.tenant.settings.coordinators.length === 0;
  await ctx.reply(helpBlocks(ctx.actor.lang, ctx.t, { isCoordinator, claimable }), ctx.t('slack:help.title'));
};

/** `claim CODE`: the one-time code from the server log makes the person the first coordinator. */
const claim: CommandHandler = async (ctx) => {
  await ctx.deps.services.tenants.claim(ctx.actor, ctx.args.join(' '));
  const text = ctx.t('slack:bootstrap.claimed');
  await ctx.reply(sections(escapeKeepingMentions(text)), text);
};

const newRound: CommandHandler = async (ctx) => {
  // The modal offers "herhaal de vorige bevraging" when there is a previous round (issue #14).
  const offerRepeat = Boolean(await ctx.deps.services.repeat.previous(ctx.actor));
  const view = await newRoundView(ctx.deps, ctx.actor, { channelId: ctx.command.channel_id, offerRepeat });
  await ctx.client.views.open({ trigger_id: ctx.command.trigger_id, view });
};

const status: CommandHandler = async (ctx) => {
  const round = ctx.args[0] ? await pickRound(ctx, ctx.args[0], []) : undefined;
  if (ctx.args[0] && !round) return;
  const views = await ctx.deps.services.coordinators.status(ctx.actor, round?.id);
  // Many rounds with long "could not be reached" lists: one reply per 50 blocks.
  for (const blocks of chunkBlocks(roundStatusListBlocks(views, ctx.t))) await ctx.reply(blocks, ctx.t('slack:status.title'));
};

/** Which rounds a command acts on when no reference is given, newest first. */
const DEFAULT_STATES: Record<RoundActionId, readonly RoundState[]> = {
  remind: ['open'],
  close: ['open'],
  publish: ['closed'],
  cancel: ['open', 'scheduled', 'draft'],
  export: ['closed', 'published'],
  moderate: ['closed'],
};

function roundCommand(action: RoundActionId): CommandHandler {
  return async (ctx) => {
    const { ref, format } = action === 'export' ? splitExportArgs(ctx.args) : { ref: ctx.args[0], format: undefined as ExportFormat | undefined };
    const round = await pickRound(ctx, ref, DEFAULT_STATES[action]);
    if (!round) return;
    await performRoundAction(ctx.deps, ctx.client, ctx.actor, round.id, action, { triggerId: ctx.command.trigger_id, reply: ctx.reply }, { format });
  };
}

const settings: CommandHandler = async (ctx) => {
  ctx.deps.services.coordinators.assertCoordinator(ctx.actor);
  await ctx.client.views.open({ trigger_id: ctx.command.trigger_id, view: settingsModal(ctx.actor.tenant, ctx.t) });
};

export const COMMAND_HANDLERS: Record<Subcommand, CommandHandler> = {
  help,
  new: newRound,
  status,
  remind: roundCommand('remind'),
  close: roundCommand('close'),
  publish: roundCommand('publish'),
  cancel: roundCommand('cancel'),
  settings,
  export: roundCommand('export'),
  moderate: roundCommand('moderate'),
  claim,
  school,
  voting,
  vote,
  actions: actionsCommand,
  action: actionCommand,
  repeat,
};
