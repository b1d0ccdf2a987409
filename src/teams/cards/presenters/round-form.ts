import type { Lang, Questionnaire } from '../../../core/questionnaire/schema';
import { t } from '../../../i18n';
import { renderCard, type AdaptiveCard } from '../render-card';
import { GROUP_DIMENSIONS_PREFIX, REMINDER_CHOICES, type AudienceOption, type RoundFormState } from '../round-form-input';
import { newSubmissionId } from '../submission';

export interface RoundFormCardInput {
  lang: Lang;
  questionnaire: Questionnaire;
  state: RoundFormState;
  /** Teams the round can go to; with one fixed audience (the team the command came from) there is no choice. */
  audiences: AudienceOption[];
  fixedAudience?: AudienceOption;
  /** Errors keyed by input id (title, dimensionIds, closesDate, …), already in the user's language. */
  errors?: Record<string, string>;
  /** "Herhaal de vorige bevraging": shown when there is a previous round to repeat. */
  repeatLabel?: string;
  /** This form's submission id (see submission.ts); a new one by default, as every built form is a new request. */
  submission?: string;
}

function reminderLabel(lang: Lang, hours: number): string {
  return hours % 24 === 0 ? t(lang, 'cards:roundForm.reminderDays', { count: hours / 24 }) : t(lang, 'cards:roundForm.reminderHours', { count: hours });
}

/** `nieuwe ronde`: every choice a round needs on one card, submitted with `createRound`. */
export function roundFormCard(input: RoundFormCardInput): AdaptiveCard {
  const { lang, state } = input;
  const errors = input.errors ?? {};
  const err = (id: string) => errors[id] ?? '';
  const groupInputs = input.questionnaire.groups.map((g) => `${GROUP_DIMENSIONS_PREFIX}${g.id}`);
  const known = new Set(['title', 'dimensionIds', 'depth', 'audienceId', 'closesDate', 'reminderHours', ...groupInputs]);
  // Worded apart from the main dimension list ("A1 · …", not "A1. …"), so each checkbox's label is its own.
  const dimensionChoices = input.questionnaire.dimensions.map((d) => ({ title: `${d.id} · ${d.title[lang]}`, value: d.id }));
  const audienceLabel = (a: AudienceOption) => t(lang, 'cards:roundForm.audienceTeam', { name: a.name, count: a.size });
  return renderCard('round-form', {
    heading: t(lang, 'cards:roundForm.heading'),
    intro: t(lang, 'cards:roundForm.intro'),
    errorSummary: Object.keys(errors).length ? t(lang, 'cards:roundForm.errorSummary') : '',
    otherErrors: Object.entries(errors)
      .filter(([id]) => !known.has(id))
      .map(([, text]) => ({ text })),
    title: { label: t(lang, 'cards:roundForm.title'), value: state.title, error: err('title') },
    dimensions: {
      label: t(lang, 'cards:roundForm.dimensions'),
      value: state.dimensionIds.join(','),
      error: err('dimensionIds'),
      choices: input.questionnaire.dimensions.map((d) => ({ title: `${d.id}. ${d.title[lang]}`, value: d.id })),
    },
    groupDimensions: {
      label: t(lang, 'cards:roundForm.groupDimensions'),
      hint: t(lang, 'cards:roundForm.groupDimensionsHint'),
      // Each group starts with every dimension of the round (the default: everyone judges everything).
      groups: input.questionnaire.groups.map((g, i) => ({
        id: groupInputs[i],
        label: g.label[lang],
        value: (state.groupDimensions.find((x) => x.group === g.id)?.dimensionIds ?? state.dimensionIds).join(','),
        choices: dimensionChoices,
        error: err(groupInputs[i]!),
      })),
    },
    depth: {
      label: t(lang, 'cards:roundForm.depth'),
      value: state.depth,
      choices: [
        { title: t(lang, 'cards:roundForm.depthDetailed'), value: 'detailed' },
        { title: t(lang, 'cards:roundForm.depthQuick'), value: 'quick' },
      ],
    },
    reflection: { title: t(lang, 'cards:roundForm.reflection'), value: String(state.includeReflection) },
    audience: input.fixedAudience
      ? { fixed: true, label: t(lang, 'cards:roundForm.audience'), text: audienceLabel(input.fixedAudience), value: input.fixedAudience.id, choices: [], error: err('audienceId') }
      : {
          fixed: false,
          label: t(lang, 'cards:roundForm.audience'),
          text: '',
          value: state.audienceId || (input.audiences.length === 1 ? input.audiences[0]!.id : ''),
          choices: input.audiences.map((a) => ({ title: audienceLabel(a), value: a.id })),
          error: err('audienceId'),
        },
    closes: {
      dateLabel: t(lang, 'cards:roundForm.closesDate'),
      timeLabel: t(lang, 'cards:roundForm.closesTime'),
      date: state.closesDate,
      time: state.closesTime,
      error: err('closesDate'),
    },
    reminders: {
      label: t(lang, 'cards:roundForm.reminders'),
      value: state.reminderHours.join(','),
      error: err('reminderHours'),
      choices: [...new Set([...REMINDER_CHOICES, ...state.reminderHours])].sort((a, b) => b - a).map((h) => ({ title: reminderLabel(lang, h), value: String(h) })),
    },
    moderation: { title: t(lang, 'cards:roundForm.moderation'), value: String(state.moderation) },
    submit: t(lang, 'cards:roundForm.submit'),
    repeat: input.repeatLabel ?? '',
    // The team the command came from travels with the submit, so the round goes to that roster.
    fixedAudienceId: input.fixedAudience?.id ?? '',
    submission: input.submission ?? newSubmissionId(),
  });
}
