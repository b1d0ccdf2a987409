import { t } from '../../i18n';
import type { Lang } from '../../core/questionnaire/schema';
import type { RoundSummary } from '../../core/summary/model';
import { bandLabel, formatDecimal, localize, scaleMax } from '../../core/summary/labels';

/**
 * The chart in words, for screen readers and for clients that do not load images: one sentence
 * per dimension with its mean and band, or that it had too few answers.
 */
export function chartAltText(summary: RoundSummary, lang: Lang): string {
  const max = scaleMax(summary);
  const lines = [t(lang, 'summary:chart.alt.intro', { title: summary.round.title })];
  for (const d of summary.dimensions) {
    const dimension = `${d.dimensionId} ${localize(d.title, lang)}`;
    lines.push(
      d.score.status === 'shown'
        ? t(lang, 'summary:chart.alt.dimension', { dimension, mean: formatDecimal(d.score.mean, lang), max, band: bandLabel(summary, d.score.band, lang).toLowerCase(), n: d.score.n })
        : t(lang, 'summary:chart.alt.withheld', { dimension }),
    );
  }
  return lines.join(' ');
}
