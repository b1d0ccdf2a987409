/**
 * What a person types to the bot (in personal chat, or after @Zorgspiegel in a channel), in
 * Dutch or English whatever their language: the words live here, not in the locale files,
 * because both are accepted everywhere.
 */
export const COMMANDS = ['help', 'newRound', 'status', 'remind', 'close', 'publish', 'cancel', 'export', 'settings', 'moderate', 'openVote', 'vote', 'closeVote', 'actions', 'repeatRound'] as const;
export type Command = (typeof COMMANDS)[number];

const ALIASES: Record<Command, readonly string[]> = {
  help: ['help', 'hulp', '?'],
  newRound: ['nieuwe ronde', 'nieuwe bevraging', 'new round', 'nieuw', 'nieuwe', 'new'],
  status: ['status', 'overzicht'],
  remind: ['herinner', 'herinnering', 'remind'],
  close: ['sluit', 'afsluiten', 'close'],
  publish: ['publiceer', 'publiceren', 'publish'],
  cancel: ['annuleer', 'annuleren', 'cancel'],
  export: ['export', 'exporteer', 'exporteren'],
  settings: ['instellingen', 'settings'],
  moderate: ['nalezen', 'modereer', 'moderate'],
  // Follow-up (issue #14)
  openVote: ['start stemming', 'open stemming', 'stemming', 'start vote', 'open vote'],
  vote: ['stem', 'vote'],
  closeVote: ['sluit stemming', 'close vote'],
  actions: ['acties', 'actie', 'actieplan', 'actions', 'action plan'],
  repeatRound: ['herhaal de vorige bevraging', 'herhaal', 'repeat'],
};

/** The words `help` shows, per language. */
export const COMMAND_WORDS: Record<'nl' | 'en', Record<Command, string>> = {
  nl: { help: 'help', newRound: 'nieuwe ronde', status: 'status', remind: 'herinner', close: 'sluit', publish: 'publiceer', cancel: 'annuleer', export: 'export', settings: 'instellingen', moderate: 'nalezen', openVote: 'start stemming', vote: 'stem', closeVote: 'sluit stemming', actions: 'acties', repeatRound: 'herhaal' },
  en: { help: 'help', newRound: 'new round', status: 'status', remind: 'remind', close: 'close', publish: 'publish', cancel: 'cancel', export: 'export', settings: 'settings', moderate: 'moderate', openVote: 'start vote', vote: 'vote', closeVote: 'close vote', actions: 'actions', repeatRound: 'repeat' },
};

export type ParsedCommand = { command: Command; rest: string } | { command: 'none' } | { command: 'unknown'; word: string };

/** Recognises the command at the start of the text; longer phrases win ("nieuwe ronde" before "nieuwe"). */
export function parseCommand(text: string): ParsedCommand {
  // removeRecipientMention strips our own mention; one that slipped through (or a mention of
  // someone else) is not part of the command.
  const normalized = text
    .replace(/<at>.*?<\/at>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase()
    .replace(/^\//, '');
  if (!normalized) return { command: 'none' };
  const candidates = COMMANDS.flatMap((command) => ALIASES[command].map((alias) => ({ command, alias }))).sort((a, b) => b.alias.length - a.alias.length);
  for (const { command, alias } of candidates) {
    if (normalized === alias || normalized.startsWith(`${alias} `)) return { command, rest: normalized.slice(alias.length).trim() };
  }
  return { command: 'unknown', word: normalized.split(' ')[0]! };
}
