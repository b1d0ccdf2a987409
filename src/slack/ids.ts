/**
 * Every action_id and callback_id the app uses, so listeners and presenters cannot drift apart.
 * Prefixed "zs_" so they never clash with another app's ids in a shared payload.
 */
export const ACTIONS = {
  /** Start or continue answering (invitation, reminder, App Home). Value: { r }. */
  start: 'zs_start',
  /** "Meer over anonimiteit". Value: { r }. */
  anonymity: 'zs_anonymity',
  /** "Ik doe niet mee". Value: { r }. */
  optOut: 'zs_opt_out',
  /** "Ja, wis mijn antwoorden" after "Ik doe niet mee" (a withdrawal the core asked to confirm). Value: { r }. */
  withdraw: 'zs_withdraw',
  /** The scale's long meanings, pushed on top of a section modal. Value: { r, s }. */
  scaleHelp: 'zs_scale_help',
  /** Open one section from the review. Value: { r, s }. */
  openSection: 'zs_open_section',
  /** Coordinator actions on a round, from status messages and App Home. Value: { r }. */
  round: {
    remind: 'zs_round_remind',
    close: 'zs_round_close',
    publish: 'zs_round_publish',
    cancel: 'zs_round_cancel',
    export: 'zs_round_export',
    moderate: 'zs_round_moderate',
  },
  /** Show a round's status (from a coordinator notice). Value: { r }. */
  roundStatus: 'zs_round_status',
  /** Quote moderation. Value: { r, q, p }. */
  quote: {
    approve: 'zs_quote_approve',
    hide: 'zs_quote_hide',
    edit: 'zs_quote_edit',
    /** Approve every pending answer on the page just read. Value: { r, a, p }. */
    approvePage: 'zs_quote_approve_page',
  },
  /** Page through the quotes. Value: { r, p }. */
  quotesPage: 'zs_quotes_page',
  /** "For which school?" buttons (action id + ":<n>"). Value: { t, c }: the school and the command to repeat. */
  chooseSchool: 'zs_choose_school',
  /** The user-group picker in the create-round modal (options loaded from usergroups.list). */
  usergroupSelect: 'zs_usergroup',
  /** A button that only opens a link (Slack still sends the click, which is acknowledged). */
  link: 'zs_link',
  /** Follow-up (issue #14): vote from the channel announcement. Value: { v }. */
  vote: 'zs_vote',
  /** Open the action form (plan message). Value: {}. */
  actionAdd: 'zs_action_add',
  /** Edit one action (plan message). Value: { a }. */
  actionEdit: 'zs_action_edit',
  /** Who else may record actions (a user picker on the plan message, for coordinators). */
  actionEditors: 'zs_action_editors',
  /** "Herhaal de vorige bevraging" in the create-round modal. Value: {}. */
  repeatRound: 'zs_repeat_round',
  /** Inputs' own action id inside their (uniquely named) input block. */
  input: 'value',
} as const;

export const CALLBACKS = {
  section: 'zs_section',
  review: 'zs_review',
  createRound: 'zs_create_round',
  settings: 'zs_settings',
  moderate: 'zs_moderate',
  quoteEdit: 'zs_quote_edit',
  info: 'zs_info',
  ballot: 'zs_ballot',
  action: 'zs_action',
} as const;

export const COMMAND = '/zorgspiegel';

export type RoundActionId = keyof typeof ACTIONS.round;
export const ROUND_ACTION_IDS = Object.keys(ACTIONS.round) as RoundActionId[];
