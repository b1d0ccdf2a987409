import type { Figure } from '../anonymity';
import type { Lang, LocalizedText, RokBand } from '../questionnaire/schema';
import type { Depth } from '../round';
import type { ThemeKind } from './themes';
import type { FollowUpSummary } from './follow-up';

/**
 * The summary of a closed round: what the team sees and what the coordinator exports.
 *
 * It is plain JSON-serialisable data (dates as ISO strings, no Maps, no class instances, no
 * record keyed by user input) so it can be stored as-is in MongoDB, sent to a browser and
 * rendered by Slack, Teams and the playground alike. Numbers are unrounded: rounding is a
 * renderer's job. Labels that come from the questionnaire are {nl, en} pairs; every other
 * user-facing string is a locale key in `summary:` (see `resolveMessage` in labels.ts), so a
 * renderer can show the summary in the round's language or another one.
 *
 * Nothing in here identifies a person: no respondent keys, no user ids, no group of a quote, no
 * time of any individual answer. Every figure is a `Figure` from the anonymity rules: either
 * shown (with the number of respondents behind it) or withheld with a reason.
 *
 * These are type aliases, not interfaces, so a RoundSummary is assignable to
 * `SummaryRecord.summary` (Record<string, unknown>).
 */
export const SUMMARY_VERSION = 1 as const;

/** One scale point's share of a figure's answers. */
export type DistributionPoint = {
  value: number;
  count: number;
  /** count / answers, 0..1. */
  share: number;
  band: RokBand;
};

export type ScaleFigureData = {
  /** Respondents behind the figure (people, not answers). */
  n: number;
  /** Scale answers pooled into the figure (n × statements in a detailed round). */
  answers: number;
  mean: number;
  median: number;
  /** Population standard deviation. */
  sd: number;
  /** Every scale point, in scale order, 0 counts included. */
  distribution: DistributionPoint[];
  bandShares: Record<RokBand, number>;
  /** The band of the scale point nearest the mean. */
  band: RokBand;
};
export type ScaleFigure = Figure<ScaleFigureData>;

/** Share (0..1) of global-judgement answers on an agreeing scale point. */
export type AgreementFigure = Figure<{ n: number; share: number }>;

/** A user-facing sentence: a locale key ("summary:…") and its params. */
export type SummaryMessage = { key: string; params: Record<string, string | number> };

export type ResponseRateSummary = {
  invited: number;
  completed: number;
  /** Started at least one part but did not finish. */
  startedNotCompleted: number;
  optedOut: number;
  undeliverable: number;
  /** completed / invited, 0..1; null when nobody was invited. */
  rate: number | null;
};

/** "Geen zicht op" answers next to all answers ("4 van 20: geen zicht"); left out of every figure. */
export type NoViewSummary = { noView: number; answered: number };

export type StatementSummary = { statementId: string; text: LocalizedText; figure: ScaleFigure; noView?: NoViewSummary };

export type DimensionQuotes = {
  /** Answers to the "strengths" open question, in their fixed random order. */
  strengths: string[];
  /** Answers to the "priorities" (work points) open question. */
  priorities: string[];
  /** Answers to the optional "practice example" question (absent in summaries stored before it existed). */
  practices?: string[];
};

export type DimensionSummary = {
  dimensionId: string;
  title: LocalizedText;
  /** The questionnaire's short name, for the chart (absent when it has none, and in older summaries). */
  shortTitle?: LocalizedText;
  /** Statements pooled (detailed round) or the global judgement (quick round). */
  score: ScaleFigure;
  agreement: AgreementFigure;
  /** Every statement's figure in questionnaire order; empty in a quick round. */
  statements: StatementSummary[];
  quotes: DimensionQuotes;
  /** "Geen zicht" over the dimension's statements, counted as answers (absent in older summaries). */
  noView?: NoViewSummary;
  /** The groups asked about this dimension, when not every group was (absent otherwise). */
  askedGroups?: LocalizedText[];
};

/** One of the round's strongest or weakest statements. Only statements with a shown figure qualify. */
export type RankedStatement = {
  statementId: string;
  dimensionId: string;
  text: LocalizedText;
  mean: number;
  band: RokBand;
  n: number;
};

export type GroupFigure = { groupId: string; label: LocalizedText; figure: ScaleFigure };

/**
 * A dimension's score per self-declared group. Only groups the anonymity rules allow are listed
 * (at least k respondents and not derivable by subtraction); which groups were left out is not
 * recorded, because even that says something about who answered.
 */
export type GroupComparison = { dimensionId: string; groups: GroupFigure[] };

export type GapSide = { groupId: string; label: LocalizedText; mean: number };

/** "Team and leadership see this differently": two shown groups whose means differ by at least GAP_THRESHOLD. */
export type GroupGap = {
  dimensionId: string;
  higher: GapSide;
  lower: GapSide;
  /** higher.mean − lower.mean, > 0. */
  difference: number;
};

export type TrendReason = 'no_previous' | 'different_dimensions' | 'different_depth' | 'different_scale';

export type TrendDimension = {
  dimensionId: string;
  /** Withheld (too_few) when either round withheld this dimension's score. */
  change: Figure<{ previousMean: number; currentMean: number; change: number }>;
};

export type TrendSummary =
  | { comparable: false; reason: TrendReason }
  | {
      comparable: true;
      previous: { roundId: string; title: string; closedAt: string | null };
      dimensions: TrendDimension[];
    };

export type AllocationSummary = {
  questionId: string;
  number: number;
  text: LocalizedText;
  /** Mean days per week per guidance domain, in questionnaire order. */
  figure: Figure<{ n: number; means: { domainId: string; label: LocalizedText; mean: number }[] }>;
};

export type RoleGridSummary = {
  questionId: string;
  number: number;
  text: LocalizedText;
  /** Only domains and roles with at least one visible text. */
  domains: { domainId: string; label: LocalizedText; roles: { roleId: string; label: LocalizedText; texts: string[] }[] }[];
};

export type ReflectionQuotes = { questionId: string; number: number; text: LocalizedText; quotes: string[] };

export type ReflectionSummary = {
  /** Question 3 (days per domain); null when the questionnaire has no allocation question. */
  allocation: AllocationSummary | null;
  /** Question 4 (role grid); null when the questionnaire has no role-grid question. */
  roleGrid: RoleGridSummary | null;
  /** The free-text questions, each with its visible quotes. */
  questions: ReflectionQuotes[];
};

export type ThemeCount = { themeId: string; kind: ThemeKind; label: LocalizedText; count: number };

/** Questionnaire vocabulary a renderer needs besides what sits next to each figure. */
export type SummaryLabels = {
  scalePoints: { value: number; label: LocalizedText; band: RokBand }[];
  /** ROK bands from low to high. */
  bands: { band: RokBand; label: LocalizedText }[];
  /** "Op onze school…": statements only read as sentences after it (absent in summaries stored before it was added). */
  stem?: LocalizedText;
};

export type SummaryRound = {
  id: string;
  title: string;
  language: Lang;
  depth: Depth;
  dimensionIds: string[];
  includeReflection: boolean;
  moderation: boolean;
  anonymityThreshold: number;
  questionnaire: { id: string; version: string };
  opensAt: string;
  closesAt: string;
  closedAt: string | null;
};

export type RoundSummary = {
  version: typeof SUMMARY_VERSION;
  round: SummaryRound;
  computedAt: string;
  labels: SummaryLabels;
  responseRate: ResponseRateSummary;
  dimensions: DimensionSummary[];
  /** The school's strengths: up to three best statements (detailed rounds only). */
  strongest: RankedStatement[];
  /** Priority work points: up to three weakest statements, weakest first; never overlaps `strongest`. */
  weakest: RankedStatement[];
  groups: GroupComparison[];
  /** Largest differences between groups, largest first (at most MAX_GAP_CALLOUTS). */
  gaps: GroupGap[];
  trend: TrendSummary;
  /** Null when the round did not include the reflection questions. */
  reflection: ReflectionSummary | null;
  /** Themes of the visible quotes, most frequent first; themes nobody tagged are left out. */
  themes: ThemeCount[];
  closing: { thanks: SummaryMessage; nextSteps: SummaryMessage };
  /** Actions since the previous round beside each dimension's trend (issue #14); absent without a previous round. */
  followUp?: FollowUpSummary;
};
