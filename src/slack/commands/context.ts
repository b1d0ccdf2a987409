import type { Round, RoundState } from '../../core/round';
import type { Actor } from '../../core/services';
import type { Translate } from '../../i18n';
import type { SlackDeps } from '../context';
import { escapeKeepingMentions, sections } from '../presenters/blocks';
import { matchesRoundRef } from '../round-ref';
import type { SlashCommand } from '../schema';
import type { KnownBlock, WebClient } from '../slack-types';

/** What a subcommand handler gets: who asked, in which language, and how to answer them. */
export interface CommandContext {
  deps: SlackDeps;
  client: WebClient;
  actor: Actor;
  t: Translate;
  args: string[];
  command: SlashCommand;
  /** An ephemeral answer in the conversation the command was typed in (via response_url). */
  reply(blocks: KnownBlock[], text: string): Promise<void>;
}

export type CommandHandler = (ctx: CommandContext) => Promise<void>;

export function replyText(ctx: Pick<CommandContext, 'reply'>, text: string): Promise<void> {
  return ctx.reply(sections(escapeKeepingMentions(text)), text);
}

/**
 * The round a command acts on: the one named by a reference (`/zorgspiegel close 3f2a9c1b`), or
 * else the newest round in a state the command applies to. Undefined (after telling the user
 * why) when there is none or the reference is ambiguous.
 */
export async function pickRound(ctx: CommandContext, ref: string | undefined, preferred: readonly RoundState[]): Promise<Round | undefined> {
  const rounds = await ctx.deps.services.coordinators.listRounds(ctx.actor, 50);
  if (ref) {
    const matches = rounds.filter((r) => matchesRoundRef(r.id, ref));
    if (matches.length === 1) return matches[0];
    await replyText(ctx, ctx.t(matches.length ? 'slack:round.ambiguous' : 'slack:round.unknownRef', { ref }));
    return undefined;
  }
  const round = rounds.find((r) => preferred.includes(r.state));
  if (!round) await replyText(ctx, ctx.t('slack:round.none'));
  return round;
}
