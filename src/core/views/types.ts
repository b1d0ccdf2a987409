import type { NoView } from '../no-view';
import type { DeliveryProgress } from '../participation';
import type { Lang } from '../questionnaire/schema';
import type { Depth, RoundState } from '../round';

/**
 * Platform-neutral, already-localised view models. Slack's Block Kit builders, Teams' Adaptive
 * Card templates and the playground render exactly these; they decide nothing about the survey.
 */

export interface ScalePointView {
  value: number;
  label: string;
  /** The long meaning: behind a "what do the points mean?" click, not under every statement. */
  meaning: string;
  band: string;
}

export interface ProgressView {
  index: number;
  total: number;
  /** "Dimensie 3 van 7" / "Part 3 of 7". */
  label: string;
}

export type FormField =
  | {
      type: 'scale';
      id: string;
      label: string;
      required: boolean;
      /** A scale value, or NO_VIEW when the respondent chose "geen zicht op". */
      value?: number | NoView;
      error?: string;
      role: 'global' | 'statement';
      /** Statements only: the "geen zicht op" choice, shown apart from the scale. */
      noView?: { value: NoView; label: string };
    }
  /** `hint`: the reminder under every open question not to name or identify anyone. */
  | { type: 'text'; id: string; label: string; required: boolean; value?: string; error?: string; maxLength: number; hint: string }
  | {
      type: 'allocation';
      id: string;
      label: string;
      required: boolean;
      max: number;
      step: number;
      /** Allowed values per domain, e.g. 0, 0.5, … 5, each with a display label ("1,5"). */
      options: { value: number; label: string }[];
      domains: { id: string; label: string; value?: number; error?: string }[];
      error?: string;
      hint: string;
    }
  | {
      type: 'roleGrid';
      id: string;
      label: string;
      required: boolean;
      maxLength: number;
      roles: { id: string; label: string }[];
      domains: { id: string; label: string; cells: { roleId: string; value?: string; error?: string }[] }[];
      error?: string;
      /** Its cells are free text too: the same reminder as under an open question. */
      hint: string;
    }
  | { type: 'group'; id: 'group'; label: string; required: false; value?: string; options: { id: string; label: string }[]; error?: string };

export interface SectionFormView {
  roundId: string;
  section: string;
  kind: 'dimension' | 'reflection';
  lang: Lang;
  title: string;
  intro: string;
  /** "Op onze school…": shown above the statements. */
  stem?: string;
  progress: ProgressView;
  scale: { title: string; points: ScalePointView[] };
  fields: FormField[];
  /** Errors keyed by field id (sub-fields like "R3.onderwijsloopbaan" roll up to "R3"). */
  errors: Record<string, string>;
  hasErrors: boolean;
  /** Whether this section was submitted before (the form then shows the saved answers). */
  saved: boolean;
  /** The form shows what the person typed before pausing ("Later verder"); not yet submitted. */
  draft?: { note: string };
  labels: { submit: string; cancel: string; scaleHelp: string; optional: string; errorSummary: string };
}

export interface ReviewView {
  roundId: string;
  lang: Lang;
  title: string;
  intro: string;
  /** `actionName`: the button's accessible name, saying which part it opens ("Antwoorden wijzigen — A1. …"). */
  sections: { section: string; title: string; submitted: boolean; label: string; actionName: string }[];
  complete: boolean;
  closesAt: string;
  labels: { change: string; continue: string; done: string };
}

export interface InvitationView {
  roundId: string;
  lang: Lang;
  title: string;
  greeting: string;
  purpose: string;
  anonymity: string;
  /** The long explanation behind "read more about anonymity". */
  anonymityDetails: string;
  duration: string;
  afterwards: string;
  closes: string;
  labels: { start: string; anonymity: string; optOut: string };
  /**
   * Where the person stands, so the message's buttons tell the truth: "Starten" before, "Verdergaan"
   * half-way, "Antwoorden bekijken of wijzigen" after finishing; after closing no button at all.
   * Absent on older callers: treated as `todo`.
   */
  state?: InvitationState;
  /** Which buttons the message offers in this state. */
  offers?: { start: boolean; optOut: boolean };
  /** A line saying why nothing can be pressed any more (the round is closed or cancelled). */
  closedLine?: string;
}

/** `cancelled`: the round was cancelled, so unlike `closed` there will be no summary. */
export type InvitationState = 'todo' | 'in_progress' | 'completed' | 'opted_out' | 'closed' | 'cancelled';

export interface ReminderView {
  roundId: string;
  lang: Lang;
  title: string;
  text: string;
  closes: string;
  labels: { continue: string; optOut: string };
}

/** A short message: a confirmation, a refusal, a "round is closed", a coordinator notice. */
export interface NoticeView {
  lang: Lang;
  title?: string;
  text: string;
  tone: 'info' | 'success' | 'warning' | 'error';
  /** Optional follow-up action the adapter renders as a button. */
  action?: { id: string; label: string; roundId?: string; value?: string };
  /** Optional link the adapter renders as a button that opens it (e.g. the published summary). */
  link?: { label: string; url: string };
}

/** The question before a withdrawal erases someone's answers. */
export interface WithdrawalView {
  lang: Lang;
  roundId: string;
  title: string;
  text: string;
  labels: { confirm: string; cancel: string };
}

export interface RoundStatusView {
  roundId: string;
  title: string;
  state: RoundState;
  stateLabel: string;
  depth: Depth;
  opens: string;
  /**
   * From when invitations go out: the opening moment, or — when the round opens outside the
   * school's hours for messages — the start of the next window (invitations wait for it).
   */
  invitationsFrom: string;
  closes: string;
  progress: DeliveryProgress;
  /** Human lines like "12 uitgenodigd · 10 bezorgd · 7 begonnen · 5 afgerond". */
  progressLine: string;
  undeliverable: { platformUserId: string; reason: string }[];
  /** Coordinator actions that make sense in this state: remind, close, publish, cancel, export, moderate. */
  actions: { id: 'remind' | 'close' | 'publish' | 'cancel' | 'export' | 'moderate'; label: string }[];
  /**
   * The text key (params: title) of the question each confirmed action asks first, saying what
   * that action does to this round: closing a round without screening publishes it at once when
   * there is a team channel; publishing shares only approved answers with screening, every answer
   * not hidden without.
   */
  confirmKeys: Record<ConfirmedAction, string>;
  /** What closing does with the summary: wait for screening, publish at once, or wait for a team channel. */
  afterClose: AfterClose;
}

export type AfterClose = 'review' | 'publish' | 'noChannel';

export type ConfirmedAction = 'close' | 'publish' | 'cancel';

/** What a staff member sees in App Home / "my rounds". */
export interface MyRoundView {
  roundId: string;
  title: string;
  closes: string;
  status: 'todo' | 'in_progress' | 'completed' | 'opted_out' | 'closed';
  statusLabel: string;
  progress: ProgressView;
  actionLabel: string;
}

/** One open answer in the coordinator's moderation queue. Never carries a name, group or time. */
export interface QuoteView {
  id: string;
  roundId: string;
  /** "C. Ondersteunende structuren en procedures" or "Reflectievragen". */
  sectionTitle: string;
  /** The question the answer belongs to. */
  question: string;
  /** Role-grid cells: the domain and role the text was written for. */
  cell?: string;
  /** What the team will see: the edited text when there is one. */
  text: string;
  /** The original, only when the coordinator edited it. */
  original?: string;
  status: 'pending' | 'approved' | 'hidden';
  statusLabel: string;
  themes: { id: string; label: string }[];
  /** Role-grid cells: shared by the cells of one person's answer, which are listed next to each other. */
  answerId?: string;
}

export interface ModerationView {
  roundId: string;
  title: string;
  intro: string;
  /** Answers still waiting to be screened, which publishing leaves out; 0 without screening (nothing waits). */
  pending: number;
  quotes: QuoteView[];
  /** Every theme a quote can be tagged with. */
  themeOptions: { id: string; label: string; kind: 'success' | 'barrier' }[];
  labels: { approve: string; hide: string; edit: string; tag: string; publish: string; success: string; barrier: string };
}
