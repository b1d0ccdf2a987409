import type { Actor } from '../core/services';
import { translator } from '../i18n';
import type { SlackDeps } from './context';
import type { RoundActionId } from './ids';
import { moderationModal } from './presenters/moderation';
import { roundStatusListBlocks } from './presenters/round-status';
import type { KnownBlock, WebClient } from './slack-types';
import { actions, escapeKeepingMentions, sections } from './presenters/blocks';
import { plainDates } from './presenters/slack-dates';
import { ACTIONS } from './ids';
import { encodeActionValue } from './schema';

export type ExportFormat = 'xlsx' | 'csv';

export interface ActionIO {
  /** Present when the action came from a click or a command: needed to open a modal. */
  triggerId?: string;
  reply(blocks: KnownBlock[], text: string): Promise<void>;
}

/** Sends the export into the coordinator's DM with the app (never into a shared channel). */
async function sendExport(deps: SlackDeps, client: WebClient, actor: Actor, roundId: string, format: ExportFormat): Promise<void> {
  const file = await deps.services.coordinators.exportRound(actor, roundId, format);
  const dm = await client.conversations.open({ users: actor.platformUserId });
  const channel = dm.channel?.id;
  if (!channel) throw new Error('conversations.open returned no channel');
  await client.filesUploadV2({ channel_id: channel, file: file.data, filename: file.filename, title: file.filename, initial_comment: file.note });
}

/**
 * One coordinator action on one round, the same from `/zorgspiegel close`, a status button or
 * App Home. The core makes each of them idempotent (a double click closes once).
 */
export async function performRoundAction(deps: SlackDeps, client: WebClient, actor: Actor, roundId: string, action: RoundActionId | 'status', io: ActionIO, opts: { format?: ExportFormat; unscreened?: number } = {}): Promise<void> {
  const t = translator(actor.lang);
  const { coordinators } = deps.services;
  const round = await deps.repos.rounds.get(roundId);
  const title = round?.title ?? '';
  const say = (key: string, params: Record<string, string> = {}) => {
    const text = t(key, { title, ...params });
    return io.reply(sections(escapeKeepingMentions(text)), text);
  };
  switch (action) {
    case 'status': {
      const views = await coordinators.status(actor, roundId);
      await io.reply(roundStatusListBlocks(views, t), t('slack:status.title'));
      return;
    }
    case 'remind': {
      const { text } = await coordinators.remindNow(actor, roundId);
      return io.reply(sections(escapeKeepingMentions(text)), plainDates(text));
    }
    case 'close':
      await coordinators.closeNow(actor, roundId);
      return say('slack:actions.closeDone');
    case 'publish': {
      const unscreened = opts.unscreened === undefined ? await coordinators.unscreenedCount(actor, roundId) : opts.unscreened;
      if (opts.unscreened === undefined && unscreened > 0) {
        // From a command or a status button: say what would be left out and let them choose.
        const text = t('slack:moderation.publishUnscreened', { count: unscreened });
        const value = encodeActionValue({ r: roundId, u: unscreened });
        return io.reply(
          [
            ...sections(escapeKeepingMentions(text)),
            ...actions([
              { text: t('slack:moderation.publishNo'), actionId: ACTIONS.round.moderate, value: encodeActionValue({ r: roundId }), style: 'primary' },
              { text: t('slack:moderation.publishYes'), actionId: ACTIONS.round.publish, value, style: 'danger' },
            ]),
          ],
          text,
        );
      }
      await coordinators.publish(actor, roundId, { unscreened });
      const channel = actor.tenant.settings.teamChannel;
      return say('slack:actions.publishDone', { channel: channel ? `<#${channel.id}>` : '' });
    }
    case 'cancel':
      await coordinators.cancel(actor, roundId);
      return say('slack:actions.cancelDone');
    case 'export':
      await say('slack:actions.exportStarted');
      await sendExport(deps, client, actor, roundId, opts.format ?? 'xlsx');
      return;
    case 'moderate': {
      const view = await coordinators.moderation(actor, roundId);
      if (!io.triggerId) return say('slack:actions.moderateUseCommand');
      await client.views.open({ trigger_id: io.triggerId, view: moderationModal(view, 0, t) });
      return;
    }
  }
}
