import type { AnswerValue } from '../answers';
import type { SurveyError } from '../errors';
import { sectionItems, type RoundItem } from '../items';
import { MAX_GRID_CELL_LENGTH, MAX_TEXT_LENGTH } from '../answers';
import type { Lang } from '../questionnaire/schema';
import { answerSteps, QUICK_STEP, REFLECTION_SECTION, type Round } from '../round';
import { describeError, t } from '../../i18n';
import { formatDays } from './format';
import { NO_VIEW, type NoView } from '../no-view';
import { GROUP_STEP } from '../group-dimensions';
import type { FormField, ProgressView, ScalePointView, SectionFormView } from './types';

type RoundShape = Pick<Round, 'id' | 'questionnaire' | 'dimensionIds' | 'depth' | 'includeReflection'>;

/**
 * Where the respondent is: index/total count every step (dimensions and the reflection); the
 * label speaks the way a person does — "Dimensie 3 van 7", then "Reflectievragen (laatste stap)".
 */
export function progressView(round: RoundShape, section: string, lang: Lang): ProgressView {
  const sections = answerSteps(round);
  const index = Math.max(0, sections.indexOf(section)) + 1;
  const dimensions = round.dimensionIds.length;
  // "Dimensie 1 van 3" counts dimensions only, also when the group step comes first.
  const dimensionIndex = Math.max(0, round.dimensionIds.indexOf(section)) + 1;
  const label =
    section === REFLECTION_SECTION
      ? t(lang, 'survey:progressReflection')
      : section === GROUP_STEP
        ? t(lang, 'survey:groupStep.progress')
        : section === QUICK_STEP
          ? t(lang, 'survey:progressQuick', { count: dimensions })
          : t(lang, 'survey:progress', { index: Math.min(dimensionIndex, dimensions), total: dimensions });
  return { index, total: sections.length, label };
}

export function scalePoints(round: Pick<Round, 'questionnaire'>, lang: Lang): ScalePointView[] {
  const { scale } = round.questionnaire;
  return scale.points.map((p) => ({ value: p.value, label: p.label[lang], meaning: p.meaning[lang], band: scale.bandLabels[p.band][lang] }));
}

/** Errors keyed by the field they belong to; "R3.onderwijsloopbaan" stays as is for inline display. */
export function errorMessages(errors: readonly SurveyError[], lang: Lang): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of errors) out[e.field ?? '_form'] ??= describeError(e, lang);
  return out;
}

function field(round: RoundShape, item: RoundItem, lang: Lang, value: AnswerValue | undefined, errors: Record<string, string>): FormField {
  const q = round.questionnaire;
  const error = errors[item.id];
  switch (item.kind) {
    case 'global': {
      // On the quick round's one form each judgement says which dimension it is about.
      const text = item.dimension.globalJudgement.text[lang];
      const label = round.depth === 'quick' ? `${item.dimension.id}. ${item.dimension.title[lang]}: ${text}` : text;
      return { type: 'scale', role: 'global', id: item.id, label, required: item.required, value: value as number | undefined, error };
    }
    case 'statement': {
      const s = item.dimension.statements.find((x) => x.id === item.id)!;
      return {
        type: 'scale',
        role: 'statement',
        id: item.id,
        label: s.text[lang],
        required: true,
        value: value as number | NoView | undefined,
        error,
        noView: { value: NO_VIEW, label: t(lang, 'survey:noView') },
      };
    }
    case 'open': {
      const o = item.dimension.openQuestions.find((x) => x.id === item.id)!;
      const label = round.depth === 'quick' ? `${item.dimension.id}. ${o.text[lang]}` : o.text[lang];
      return { type: 'text', id: item.id, label, required: false, value: value as string | undefined, error, maxLength: MAX_TEXT_LENGTH, hint: t(lang, 'survey:openHint') };
    }
    case 'reflection': {
      const question = item.question;
      const label = `${question.number}. ${question.text[lang]}`;
      if (question.type === 'text') return { type: 'text', id: item.id, label, required: false, value: value as string | undefined, error, maxLength: MAX_TEXT_LENGTH, hint: t(lang, 'survey:openHint') };
      if (question.type === 'allocation') {
        const current = (value ?? {}) as Record<string, number | string>;
        // The days chosen so far, on the form as it is shown (a saved answer, a paused draft or a
        // refused submission): the person sees the sum instead of adding it up.
        const chosen = Object.values(current).map((v) => (typeof v === 'number' ? v : Number(String(v).replace(',', '.')))).filter((v) => Number.isFinite(v));
        const total = chosen.reduce((a, b) => a + b, 0);
        const options = [];
        for (let v = 0; v <= question.max + 1e-9; v += question.step) options.push({ value: Math.round(v * 100) / 100, label: formatDays(v, lang) });
        return {
          type: 'allocation',
          id: item.id,
          label,
          required: false,
          max: question.max,
          step: question.step,
          options,
          domains: q.guidanceDomains.map((d) => ({ id: d.id, label: d.label[lang], value: current[d.id] as number | undefined, error: errors[`${item.id}.${d.id}`] })),
          error,
          hint: [t(lang, 'survey:allocationHint', { max: question.max }), ...(chosen.length ? [t(lang, 'survey:allocationTotal', { total: formatDays(total, lang), max: formatDays(question.max, lang) })] : [])].join(' '),
        };
      }
      const grid = (value ?? {}) as Record<string, Record<string, string>>;
      return {
        type: 'roleGrid',
        id: item.id,
        label,
        required: false,
        maxLength: MAX_GRID_CELL_LENGTH,
        roles: q.roles.map((r) => ({ id: r.id, label: r.label[lang] })),
        domains: q.guidanceDomains.map((d) => ({
          id: d.id,
          label: d.label[lang],
          cells: q.roles.map((r) => ({ roleId: r.id, value: grid[d.id]?.[r.id], error: errors[`${item.id}.${d.id}.${r.id}`] })),
        })),
        error,
        hint: t(lang, 'survey:openHint'),
      };
    }
  }
}

/**
 * The form for one section, filled with the respondent's saved (or just-typed) answers and any
 * errors. The first section also offers the optional self-declared group.
 */
export function buildSectionForm(
  round: RoundShape,
  section: string,
  lang: Lang,
  opts: { answers?: Record<string, unknown>; errors?: readonly SurveyError[]; group?: string; saved?: boolean; draft?: boolean } = {},
): SectionFormView {
  const q = round.questionnaire;
  const errors = errorMessages(opts.errors ?? [], lang);
  const answers = (opts.answers ?? {}) as Record<string, AnswerValue>;
  const items = sectionItems(round, section);
  const fields = items.map((item) => field(round, item, lang, answers[item.id], errors));
  const isFirst = answerSteps(round)[0] === section;
  if (isFirst) {
    fields.push({
      type: 'group',
      id: 'group',
      label: t(lang, section === GROUP_STEP ? 'survey:groupStep.question' : 'survey:groupQuestion'),
      required: false,
      value: opts.group,
      options: q.groups.map((g) => ({ id: g.id, label: g.label[lang] })),
      error: errors.group,
    });
  }
  const dimension = q.dimensions.find((d) => d.id === section);
  const isReflection = section === REFLECTION_SECTION;
  const isQuick = section === QUICK_STEP && round.depth === 'quick';
  const isGroup = section === GROUP_STEP;
  return {
    roundId: round.id,
    section,
    kind: isReflection ? 'reflection' : 'dimension',
    lang,
    title: isReflection
      ? q.reflection.title[lang]
      : isGroup
        ? t(lang, 'survey:groupStep.title')
        : isQuick
          ? t(lang, 'survey:quickTitle', { count: round.dimensionIds.length })
          : dimension
            ? `${dimension.id}. ${dimension.title[lang]}`
            : section,
    intro: isReflection ? q.reflection.intro[lang] : isGroup ? t(lang, 'survey:groupStep.intro') : isQuick ? t(lang, 'survey:quickIntro') : (dimension?.intro[lang] ?? ''),
    stem: isReflection || isGroup ? undefined : q.stem[lang],
    progress: progressView(round, section, lang),
    scale: { title: t(lang, 'survey:scaleHelpTitle'), points: scalePoints(round, lang) },
    fields,
    errors,
    hasErrors: Object.keys(errors).length > 0,
    saved: opts.saved ?? false,
    ...(opts.draft ? { draft: { note: t(lang, 'survey:draftRestored') } } : {}),
    labels: {
      submit: t(lang, 'survey:saveAndContinue'),
      cancel: t(lang, 'survey:later'),
      scaleHelp: t(lang, 'survey:scaleHelp'),
      optional: t(lang, 'survey:optional'),
      errorSummary: t(lang, 'survey:errorSummary', { count: Object.keys(errors).length }),
    },
  };
}
