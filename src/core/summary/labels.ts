import { t } from '../../i18n';
import type { WithheldReason } from '../anonymity';
import { formatNumber, formatPercent } from '../views/format';
import type { Lang, LocalizedText, RokBand } from '../questionnaire/schema';
import type { DimensionSummary, RoundSummary, SummaryMessage } from './model';

/**
 * Small helpers every renderer of a RoundSummary needs (Slack, Teams, playground, chart,
 * export), so "3,8" and "75%" look the same everywhere. The model keeps numbers unrounded; these
 * round for display only.
 */

/** "3,8" in Dutch, "3.8" in English (the same formatting as the core's other views). */
export function formatDecimal(value: number, lang: Lang, digits = 1): string {
  return formatNumber(value, lang, digits);
}

/** A share 0..1 as a whole percentage: "75%". */
export { formatPercent };

export function localize(text: LocalizedText, lang: Lang): string {
  return text[lang];
}

/** A change with its sign: "+0,4", "−0,3" (a real minus sign), "0,0". */
export function formatChange(change: number, lang: Lang, digits = 1): string {
  const shown = formatDecimal(Math.abs(change), lang, digits);
  const rounded = Number(Math.abs(change).toFixed(digits));
  if (rounded === 0) return formatDecimal(0, lang, digits);
  return `${change > 0 ? '+' : '\u2212'}${shown}`;
}

export function resolveMessage(message: SummaryMessage, lang: Lang): string {
  return t(lang, message.key, message.params);
}

/** "te weinig antwoorden" / "too few answers", or the derivable-group wording. */
export function withheldLabel(reason: WithheldReason, lang: Lang): string {
  return t(lang, `summary:withheld.${reason}`);
}

export function bandLabel(summary: Pick<RoundSummary, 'labels'>, band: RokBand, lang: Lang): string {
  const found = summary.labels.bands.find((b) => b.band === band);
  return found ? localize(found.label, lang) : band;
}

export function scalePointLabel(summary: Pick<RoundSummary, 'labels'>, value: number, lang: Lang): string {
  const found = summary.labels.scalePoints.find((p) => p.value === value);
  return found ? localize(found.label, lang) : String(value);
}

/** The highest point of the scale ("op 6"). */
export function scaleMax(summary: Pick<RoundSummary, 'labels'>): number {
  return Math.max(...summary.labels.scalePoints.map((p) => p.value));
}

export function dimensionTitle(summary: Pick<RoundSummary, 'dimensions'>, dimensionId: string, lang: Lang): string {
  const d = summary.dimensions.find((x) => x.dimensionId === dimensionId);
  return d ? localize(d.title, lang) : dimensionId;
}

/** A statement as a sentence: "Op onze school… is het duidelijk bij wie …". */
export function statementSentence(summary: Pick<RoundSummary, 'labels'>, text: LocalizedText, lang: Lang): string {
  const stem = summary.labels.stem;
  return stem ? `${localize(stem, lang)} ${localize(text, lang)}` : localize(text, lang);
}

/**
 * The spread said in words for a six-point scale: a population standard deviation under 1 means
 * most answers sit on neighbouring points; 1.5 or more means the team is split.
 */
export function spreadWord(sd: number, lang: Lang): string {
  const word = sd < 1 ? 'together' : sd < 1.5 ? 'mixed' : 'divided';
  return t(lang, `summary:figure.spreadWords.${word}`);
}

/** "eensgezind (spreiding 0,8)". */
export function spreadText(sd: number, lang: Lang): string {
  return t(lang, 'summary:figure.spreadLine', { word: spreadWord(sd, lang), sd: formatDecimal(sd, lang) });
}

/**
 * "Gevraagd aan: Leraar, Zorgteam, en aan wie geen groep koos." when the round asked not every group
 * about the dimension (someone who declares no group is asked every dimension: dimensionsOfGroup).
 */
export function askedGroupsLine(d: Pick<DimensionSummary, 'askedGroups'>, lang: Lang): string | undefined {
  if (!d.askedGroups?.length) return undefined;
  return t(lang, 'summary:askedGroups', { groups: d.askedGroups.map((g) => localize(g, lang)).join(', ') });
}
