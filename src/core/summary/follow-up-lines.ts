import { t } from '../../i18n';
import type { Lang } from '../questionnaire/schema';
import { formatChange, formatDecimal, localize } from './labels';
import type { RoundSummary } from './model';

/** One dimension of the follow-up as text: its trend line and its actions, for any renderer. */
export type FollowUpLines = { heading: string; note: string; dimensions: { line: string; actions: string[] }[] };

/** The follow-up part in words, or undefined when the summary has none. */
export function followUpLines(summary: Pick<RoundSummary, 'followUp'>, lang: Lang): FollowUpLines | undefined {
  const followUp = summary.followUp;
  if (!followUp) return undefined;
  return {
    heading: t(lang, 'followup:summary.heading'),
    note: t(lang, 'summary:trend.since', { title: followUp.previous.title }),
    dimensions: followUp.dimensions.map((d) => {
      const dimension = localize(d.title, lang);
      const line =
        d.change === null
          ? t(lang, 'followup:summary.trendNone', { dimension })
          : d.change.status === 'withheld'
            ? t(lang, 'followup:summary.trendWithheld', { dimension })
            : t(lang, 'followup:summary.trend', {
                dimension,
                change: formatChange(d.change.change, lang),
                before: formatDecimal(d.change.previousMean, lang),
                now: formatDecimal(d.change.currentMean, lang),
              });
      const actions = d.actions.length
        ? d.actions.map((a) => t(lang, 'followup:summary.action', { what: a.what, status: t(lang, `followup:status.${a.status}`) }))
        : [t(lang, 'followup:summary.noActions')];
      return { line, actions };
    }),
  };
}
