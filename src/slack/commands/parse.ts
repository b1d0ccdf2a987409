/**
 * `/zorgspiegel <subcommand> [args]` in Dutch or English. The words live here rather than in the
 * locale files because both languages are accepted whatever the user's language is.
 */
export const SUBCOMMANDS = ['help', 'new', 'status', 'remind', 'close', 'publish', 'cancel', 'settings', 'export', 'moderate', 'claim', 'school', 'voting', 'vote', 'actions', 'action', 'repeat'] as const;
export type Subcommand = (typeof SUBCOMMANDS)[number];

const ALIASES: Record<Subcommand, readonly string[]> = {
  help: ['help', 'hulp', '?'],
  new: ['new', 'nieuw', 'nieuwe'],
  status: ['status', 'overzicht'],
  remind: ['remind', 'herinner', 'herinnering'],
  close: ['close', 'sluit', 'afsluiten'],
  publish: ['publish', 'publiceer', 'publiceren'],
  cancel: ['cancel', 'annuleer', 'annuleren'],
  settings: ['settings', 'instellingen'],
  export: ['export', 'exporteer', 'exporteren'],
  moderate: ['moderate', 'nalezen', 'modereer'],
  claim: ['claim'],
  school: ['school', 'scholen', 'schools'],
  // Follow-up (issue #14)
  voting: ['voting', 'stemming'],
  vote: ['vote', 'stem'],
  actions: ['actions', 'acties', 'actieplan'],
  action: ['action', 'actie'],
  repeat: ['repeat', 'herhaal'],
};

/** The words shown in `help`, per language: the first alias of each language. */
export const COMMAND_WORDS: Record<'nl' | 'en', Record<Subcommand, string>> = {
  en: { help: 'help', new: 'new', status: 'status', remind: 'remind', close: 'close', publish: 'publish', cancel: 'cancel', settings: 'settings', export: 'export', moderate: 'moderate', claim: 'claim', school: 'school', voting: 'voting', vote: 'vote', actions: 'actions', action: 'action', repeat: 'repeat' },
  nl: { help: 'help', new: 'nieuw', status: 'status', remind: 'herinner', close: 'sluit', publish: 'publiceer', cancel: 'annuleer', settings: 'instellingen', export: 'export', moderate: 'nalezen', claim: 'claim', school: 'school', voting: 'stemming', vote: 'stem', actions: 'acties', action: 'actie', repeat: 'herhaal' },
};

export type ParsedCommand = { name: Subcommand; args: string[] } | { name: 'unknown'; word: string; args: string[] };

export function parseCommand(text: string): ParsedCommand {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const [first = 'help', ...args] = words;
  const word = first.toLowerCase();
  for (const name of SUBCOMMANDS) if (ALIASES[name].includes(word)) return { name, args };
  return { name: 'unknown', word: first, args };
}

/** Commands that only coordinators may run. */
export const COORDINATOR_COMMANDS: readonly Subcommand[] = ['new', 'status', 'remind', 'close', 'publish', 'cancel', 'settings', 'export', 'moderate', 'voting', 'repeat'];

/** `export [ref] [xlsx|csv]`: the format may come before or after the round reference. */
export function splitExportArgs(args: string[]): { ref?: string; format: 'xlsx' | 'csv' } {
  const format = args.find((a) => /^(xlsx|csv)$/i.test(a))?.toLowerCase() as 'xlsx' | 'csv' | undefined;
  const ref = args.find((a) => !/^(xlsx|csv)$/i.test(a));
  return { ref, format: format ?? 'xlsx' };
}
