import { DateTime } from 'luxon';
import type { RoundState } from '../../core/round';
import { schoolName } from '../../core/tenant';
import { createRoundModal } from '../presenters/create-round';
import { chunkBlocks, escapeKeepingMentions, sections } from '../presenters/blocks';
import { helpBlocks } from '../presenters/help';
import { roundStatusListBlocks } from '../presenters/round-status';
import { settingsModal } from '../presenters/settings';
import { performRoundAction, type ExportFormat } from '../round-actions';
import type { RoundActionId } from '../ids';
import { pickRound, type CommandContext, type CommandHandler } from './context';
import { splitExportArgs, type Subcommand } from './parse';
import { school } from './school';

/** A round two weeks from now, closing at five in the afternoon in the school's time zone. */
function defaultClosing(ctx: CommandContext): number {
  const zone = ctx.actor.tenant.settings.timeZone;
  return Math.floor(DateTime.fromJSDate(ctx.deps.clock.now(), { zone }).plus({ days: 14 }).set({ hour: 17, minute: 0, second: 0, millisecond: 0 }).toSeconds());
}

/** Whether the workspace holds more than one school (then forms say which one they are for). */
async function severalSchools(ctx: CommandContext): Promise<boolean> {
  return (await ctx.deps.services.tenants.schools('slack', ctx.actor.tenant.externalId)).length > 1;
}

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
  const lang = ctx.actor.lang;
  const date = DateTime.fromJSDate(ctx.deps.clock.now(), { zone: ctx.actor.tenant.settings.timeZone }).setLocale(lang === 'nl' ? 'nl-BE' : 'en-GB').toFormat('LLLL yyyy');
  const view = createRoundModal(
    {
      title: ctx.t('slack:create.defaultTitle', { date }),
      closesAt: defaultClosing(ctx),
      dimensions: ctx.deps.questionnaire.dimensions.map((d) => ({ id: d.id, title: `${d.id}. ${d.title[lang]}` })),
      channelId: ctx.command.channel_id,
      schoolId: ctx.actor.tenant.id,
      ...(await severalSchools(ctx)) ? { schoolName: schoolName(ctx.actor.tenant) } : {},
    },
    ctx.t,
  );
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
};
