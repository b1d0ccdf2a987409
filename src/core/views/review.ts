import type { Lang } from '../questionnaire/schema';
import { answerSteps, QUICK_STEP, REFLECTION_SECTION, stepSections, type Round } from '../round';
import { t } from '../../i18n';
import { GROUP_STEP } from '../group-dimensions';
import { mentionDateTime } from './date-mention';
import type { MyRoundView, ReviewView } from './types';
import { progressView } from './section-form';

type RoundShape = Pick<Round, 'id' | 'title' | 'questionnaire' | 'dimensionIds' | 'depth' | 'includeReflection' | 'closesAt'>;

export function sectionTitle(round: Pick<Round, 'questionnaire'> & Partial<Pick<Round, 'dimensionIds'>>, section: string, lang: Lang): string {
  if (section === REFLECTION_SECTION) return round.questionnaire.reflection.title[lang];
  if (section === GROUP_STEP) return t(lang, 'survey:groupStep.title');
  if (section === QUICK_STEP) return t(lang, 'survey:quickTitle', { count: round.dimensionIds?.length ?? 0 });
  const d = round.questionnaire.dimensions.find((x) => x.id === section);
  return d ? `${d.id}. ${d.title[lang]}` : section;
}

/** The overview after (or between) sections: what is done, what is left, change anything. */
export function buildReview(round: RoundShape, lang: Lang, timeZone: string, submitted: readonly string[]): ReviewView {
  const sections = answerSteps(round).map((section) => {
    const done = stepSections(round, section).every((s) => submitted.includes(s));
    const title = sectionTitle(round, section, lang);
    const action = t(lang, done ? 'survey:actions.change' : 'survey:actions.continue');
    return { section, title, submitted: done, label: t(lang, done ? 'survey:review.saved' : 'survey:review.todo'), actionName: t(lang, 'survey:review.actionFor', { action, section: title }) };
  });
  const complete = sections.every((s) => s.submitted);
  return {
    roundId: round.id,
    lang,
    title: t(lang, complete ? 'survey:review.titleComplete' : 'survey:review.title', { title: round.title }),
    intro: t(lang, complete ? 'survey:review.introComplete' : 'survey:review.intro'),
    sections,
    complete,
    closesAt: t(lang, 'survey:invitation.closes', { closes: mentionDateTime(round.closesAt, lang, timeZone) }),
    labels: { change: t(lang, 'survey:actions.change'), continue: t(lang, 'survey:actions.continue'), done: t(lang, 'survey:actions.done') },
  };
}

export function buildMyRound(
  round: RoundShape & Pick<Round, 'state'>,
  lang: Lang,
  timeZone: string,
  status: MyRoundView['status'],
  submitted: readonly string[],
): MyRoundView {
  const sections = answerSteps(round);
  const done = sections.filter((step) => stepSections(round, step).every((s) => submitted.includes(s)));
  const next = sections.find((s) => !done.includes(s)) ?? sections[sections.length - 1]!;
  const progress = progressView(round, next, lang);
  return {
    roundId: round.id,
    title: round.title,
    closes: t(lang, 'survey:invitation.closes', { closes: mentionDateTime(round.closesAt, lang, timeZone) }),
    status,
    statusLabel: t(lang, `survey:myRound.${status}`, { done: done.length, total: sections.length }),
    progress: { ...progress, index: done.length, label: t(lang, 'survey:myRound.progress', { done: done.length, total: sections.length }) },
    actionLabel: t(lang, status === 'todo' ? 'survey:actions.start' : status === 'completed' ? 'survey:actions.change' : 'survey:actions.continue'),
  };
}
