import { isSurveyError } from '../../core/errors';
import type { Lang } from '../../core/questionnaire/schema';
import { translator } from '../../i18n';
import { describeFailure, resolveActor, tr, type SlackDeps } from '../context';
import { escapeKeepingMentions, sections } from '../presenters/blocks';
import { chooseSchoolBlocks } from '../presenters/school';
import type { SlashCommand } from '../schema';
import type { KnownBlock, WebClient } from '../slack-types';
import type { CommandContext } from './context';
import { COMMAND_HANDLERS } from './handlers';
import { COORDINATOR_COMMANDS, parseCommand } from './parse';

export type Reply = (blocks: KnownBlock[], text: string) => Promise<void>;

/** The school whose short name starts the command text, when the workspace holds several. */
async function schoolNamedIn(deps: SlackDeps, teamId: string, text: string): Promise<{ schoolId: string; rest: string } | undefined> {
  const [first, ...rest] = text.trim().split(/\s+/);
  if (!first) return undefined;
  const schools = await deps.services.tenants.schools('slack', teamId);
  const school = schools.length > 1 ? schools.find((s) => s.schoolKey === first.toLowerCase()) : undefined;
  return school ? { schoolId: school.id, rest: rest.join(' ') } : undefined;
}

/**
 * Runs `/zorgspiegel …` after Bolt has acknowledged it: finds the person and their language,
 * refuses coordinator commands to anyone else naming the coordinators (or, while there are none,
 * saying how the first one is named: a claim code from the server log or COORDINATORS), and
 * answers every failure in the person's language. Typing first makes nobody coordinator.
 */
export async function runCommand(deps: SlackDeps, client: WebClient, teamId: string, command: SlashCommand, reply: Reply, chosenSchoolId?: string): Promise<void> {
  let lang: Lang | undefined;
  try {
    // "/zorgspiegel campus-zuid status": a school's short name first says which school is meant.
    const named = chosenSchoolId ? undefined : await schoolNamedIn(deps, teamId, command.text);
    const text = named ? named.rest : command.text;
    const schoolId = chosenSchoolId ?? named?.schoolId;
    const actor = await resolveActor(deps, client, { teamId, userId: command.user_id }, { channelId: command.channel_id, ...(schoolId ? { schoolId } : {}) });
    lang = actor.lang;
    const t = tr(actor);
    const parsed = parseCommand(text);
    if (parsed.name === 'unknown') {
      const text = t('slack:help.unknown', { word: parsed.word });
      await reply(sections(escapeKeepingMentions(text)), text);
      return;
    }
    if (COORDINATOR_COMMANDS.includes(parsed.name) && actor.schoolChoices && actor.schoolChoices.length > 1) {
      await reply(chooseSchoolBlocks(actor.schoolChoices, text, t), t('slack:school.choose'));
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

