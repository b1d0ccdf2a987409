import { t } from '../../i18n';
import { mentionDateTime } from '../views/date-mention';
import type { NoticeView } from '../views/types';
import type { Lang } from '../questionnaire/schema';
import type { PriorityVote } from './model';
import { subjectOf } from '../actions/plan-view';

/** The ballot a colleague fills in: the options with their dimension, up to `maxChoices`. */
export interface BallotView {
  lang: Lang;
  voteId: string;
  title: string;
  intro: string;
  options: { id: string; label: string; group: string }[];
  maxChoices: number;
  choicesLabel: string;
  submitLabel: string;
  /** The person already voted: the form is replaced by this sentence. */
  alreadyVoted?: string;
}

function dimensionTitle(vote: PriorityVote, dimensionId: string, lang: Lang, titles: Record<string, { nl: string; en: string }>): string {
  return titles[dimensionId]?.[lang] ?? dimensionId;
}

export function ballotView(vote: PriorityVote, lang: Lang, timeZone: string, titles: Record<string, { nl: string; en: string }>, alreadyVoted: boolean): BallotView {
  return {
    lang,
    voteId: vote.id,
    title: t(lang, 'followup:vote.ballotTitle', { title: vote.roundTitle }),
    intro: t(lang, 'followup:vote.ballotIntro', { max: vote.maxChoices, closes: mentionDateTime(vote.closesAt, lang, timeZone) }),
    options: vote.options.map((o) => ({ id: o.id, label: o.text[lang], group: dimensionTitle(vote, o.dimensionId, lang, titles) })),
    maxChoices: vote.maxChoices,
    choicesLabel: t(lang, 'followup:vote.choicesLabel', { max: vote.maxChoices }),
    submitLabel: t(lang, 'followup:vote.submit'),
    ...(alreadyVoted ? { alreadyVoted: t(lang, 'followup:vote.alreadyVoted') } : {}),
  };
}

/** The channel announcement; once closed it says so (the results follow in their own post). */
export function voteAnnouncement(vote: PriorityVote, lang: Lang, timeZone: string, voters?: number): NoticeView {
  if (vote.state === 'closed') {
    return { lang, tone: 'info', title: t(lang, 'followup:vote.announceTitle', { title: vote.roundTitle }), text: t(lang, 'followup:vote.closedText', { count: vote.result?.voters ?? voters ?? 0 }) };
  }
  return {
    lang,
    tone: 'info',
    title: t(lang, 'followup:vote.announceTitle', { title: vote.roundTitle }),
    text: t(lang, 'followup:vote.announceText', { max: vote.maxChoices, closes: mentionDateTime(vote.closesAt, lang, timeZone), k: vote.k }),
    action: { id: 'vote', label: t(lang, 'followup:vote.voteButton'), value: vote.id },
  };
}

/** The ranked result, or why it is not shown. */
export function voteResultsView(vote: PriorityVote, lang: Lang, titles: Record<string, { nl: string; en: string }>): NoticeView {
  const title = t(lang, 'followup:vote.resultsTitle', { title: vote.roundTitle });
  const result = vote.result;
  if (!result || result.status === 'withheld') {
    return { lang, tone: 'info', title, text: t(lang, 'followup:vote.withheld', { count: result?.voters ?? 0, k: vote.k }) };
  }
  const lines = result.ranking.map((r, i) =>
    t(lang, 'followup:vote.rankLine', { rank: i + 1, subject: subjectOf(titles[r.dimensionId]?.[lang] ?? r.dimensionId, r.text[lang]), count: r.votes }),
  );
  return {
    lang,
    tone: 'success',
    title,
    text: [t(lang, 'followup:vote.resultsIntro', { count: result.voters }), ...lines, t(lang, 'followup:vote.resultsNext')].join('\n'),
  };
}
