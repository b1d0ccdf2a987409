import { isSurveyError } from '../../core/errors';
import type { Lang } from '../../core/questionnaire/schema';
import { translator } from '../../i18n';
import { describeFailure, resolveActor, tr, type SlackDeps } from '../context';
import { escapeKeepingMentions, sections } from '../presenters/blocks';
import type { SlashCommand } from '../schema';
import type { KnownBlock, WebClient } from '../slack-types';
import type { CommandContext } from './context';
import { COMMAND_HANDLERS } from './handlers';
import { COORDINATOR_COMMANDS, parseCommand } from './parse';

export type Reply = (blocks: KnownBlock[], text: string) => Promise<void>;

/**
 * Runs `/zorgspiegel …` after Bolt has acknowledged it: finds the person and their language,
 * refuses coordinator commands to anyone else naming the coordinators (or, while there are none,
 * saying how the first one is named: a claim code from the server log or COORDINATORS), and
 * answers every failure in the person's language. Typing first makes nobody coordinator.
 */
export async function runCommand(deps: SlackDeps, client: WebClient, teamId: string, command: SlashCommand, reply: Reply): Promise<void> {
  let lang: Lang | undefined;
  try {
    const actor = await resolveActor(deps, client, { teamId, userId: command.user_id });
    lang = actor.lang;
    const t = tr(actor);
    const parsed = parseCommand(command.text);
    if (parsed.name === 'unknown') {
      const text = t('slack:help.unknown', { word: parsed.word });
      await reply(sections(escapeKeepingMentions(text)), text);
      return;
    }
    if (COORDINATOR_COMMANDS.includes(parsed.name)) deps.services.coordinators.assertCoordinator(actor);
    const ctx: CommandContext = { deps, client, actor, t, args: parsed.args, command, reply };
    await COMMAND_HANDLERS[parsed.name](ctx);
  } catch (e) {
    // Single workspace has no installer: say how the first coordinator is named there.
    const text =
      isSurveyError(e) && e.code === 'no_coordinator_yet' && deps.mode === 'single-workspace'
        ? translator(lang ?? 'nl')('slack:bootstrap.noCoordinator')
        : describeFailure(e, lang ?? 'nl', deps.logger, `command ${command.text}`);
    await reply(sections(`:warning: ${escapeKeepingMentions(text)}`), text).catch((err: unknown) => deps.logger.error({ err }, 'could not answer a command'));
  }
}

