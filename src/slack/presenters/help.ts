import type { Lang } from '../../core/questionnaire/schema';
import { hasKey, type Translate } from '../../i18n';
import { COMMAND_WORDS, SUBCOMMANDS } from '../commands/parse';
import { COMMAND } from '../ids';
import type { KnownBlock } from '../slack-types';
import { context, escapeMrkdwn, header, sections } from './blocks';
import { MAX_REMINDERS } from '../../core/round';

/** `/zorgspiegel help`: every subcommand in the user's language, with what it does. */
/** `claimable`: nobody is coordinator yet, so everyone sees how to claim the role. */
export function helpBlocks(lang: Lang, t: Translate, opts: { isCoordinator: boolean; claimable?: boolean }): KnownBlock[] {
  const words = COMMAND_WORDS[lang];
  // Only commands that take arguments have an "args" text ("[code]").
  const args = (name: string) => (hasKey(lang, `slack:help.args.${name}`) ? ` ${t(`slack:help.args.${name}`)}` : '');
  const lines = SUBCOMMANDS.filter((name) => (name === 'claim' ? opts.claimable : opts.isCoordinator || name === 'help' || name === 'vote' || name === 'actions')).map(
    (name) => `• \`${COMMAND} ${words[name]}${args(name)}\` — ${escapeMrkdwn(t(`slack:help.commands.${name}`, { max: MAX_REMINDERS }))}`,
  );
  const blocks: KnownBlock[] = [header(t('slack:help.title')), ...sections(escapeMrkdwn(t('slack:help.intro')))];
  blocks.push(...sections(lines.join('\n')));
  if (opts.isCoordinator) blocks.push(context(escapeMrkdwn(t('slack:help.roundRef'))));
  else blocks.push(...sections(escapeMrkdwn(t('slack:help.staff'))));
  return blocks;
}
