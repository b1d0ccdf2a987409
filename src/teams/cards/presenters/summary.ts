import type { Lang } from '../../../core/questionnaire/schema';
import { followUpLines } from '../../../core/summary/follow-up-lines';
import type { DimensionSummary, RoundSummary, ScaleFigure } from '../../../core/summary/model';
import { bandLabel, formatChange, formatDecimal, formatPercent, localize, resolveMessage, scaleMax, spreadText, statementSentence, withheldLabel } from '../../../core/summary/labels';
import { t } from '../../../i18n';
import { CHART_WIDTH } from '../../../render/chart/size';
import { cardSize, MAX_CARD_BYTES, renderCard, type AdaptiveCard } from '../render-card';
import { keepLeadingNumber, typedText } from './shared';

/**
 * The published summary in the team channel: response rate, per dimension its score, ROK band
 * and spread, strengths and priorities, group comparison and trend where the anonymity rules
 * allow, the approved quotes, and the thanks. Everything comes from the stored summary model;
 * a withheld figure says why. The chart is an image the bot serves over HTTPS, so the card
 * itself stays small.
 */
export interface SummaryChart {
  url: string;
  altText: string;
}

const BAND_COLOR: Record<string, string> = { below: 'Attention', approaching: 'Warning', meeting: 'Accent', exceeding: 'Good' };

function figureFacts(summary: RoundSummary, figure: ScaleFigure, lang: Lang) {
  if (figure.status !== 'shown') return [];
  return [
    { title: t(lang, 'summary:figure.band'), value: bandLabel(summary, figure.band, lang) },
    { title: t(lang, 'summary:figure.mean'), value: t(lang, 'cards:summary.meanOutOf', { mean: formatDecimal(figure.mean, lang), max: scaleMax(summary) }) },
    { title: t(lang, 'summary:figure.sd'), value: spreadText(figure.sd, lang) },
    { title: t(lang, 'cards:summary.respondents'), value: String(figure.n) },
  ];
}

function dimensionData(summary: RoundSummary, d: DimensionSummary, lang: Lang, maxQuotes: number) {
  const score = d.score;
  const strengths = d.quotes.strengths.slice(0, maxQuotes).map((q) => ({ text: `“${typedText(q)}”` }));
  const priorities = d.quotes.priorities.slice(0, maxQuotes).map((q) => ({ text: `“${typedText(q)}”` }));
  return {
    title: `${d.dimensionId}. ${localize(d.title, lang)}`,
    withheld: score.status === 'withheld' ? withheldLabel(score.reason, lang) : '',
    color: score.status === 'shown' ? BAND_COLOR[score.band] ?? 'Default' : 'Default',
    facts: figureFacts(summary, score, lang),
    agreement: d.agreement.status === 'shown' ? t(lang, 'summary:figure.agreement', { share: formatPercent(d.agreement.share, lang) }) : '',
    strengths,
    priorities,
    // The answers sit behind a show-card, so the figures of every dimension stay in view.
    hasQuotes: strengths.length + priorities.length > 0,
    quotesTitle: t(lang, 'cards:summary.quotesTitle', { count: strengths.length + priorities.length }),
  };
}

function rankedLines(summary: RoundSummary, list: RoundSummary['strongest'], lang: Lang) {
  return list.map((s) => ({ text: `${statementSentence(summary, s.text, lang)} (${s.dimensionId}) — ${t(lang, 'summary:figure.meanShort', { mean: formatDecimal(s.mean, lang) })}, ${bandLabel(summary, s.band, lang).toLowerCase()}` }));
}

/** Only dimensions where at least two groups can be shown: one group alone compares nothing. */
function groupLines(summary: RoundSummary, lang: Lang) {
  return summary.groups
    .filter((g) => g.groups.length > 1)
    .map((g) => {
      const dimension = summary.dimensions.find((d) => d.dimensionId === g.dimensionId);
      const parts = g.groups.map((gf) =>
        gf.figure.status === 'shown' ? `${localize(gf.label, lang)} ${formatDecimal(gf.figure.mean, lang)}` : `${localize(gf.label, lang)}: ${withheldLabel(gf.figure.reason, lang)}`,
      );
      return { text: `${g.dimensionId}${dimension ? ` ${localize(dimension.title, lang)}` : ''}: ${parts.join(' · ')}` };
    });
}

function gapLines(summary: RoundSummary, lang: Lang) {
  return summary.gaps.map((gap) => {
    const dimension = summary.dimensions.find((d) => d.dimensionId === gap.dimensionId);
    return {
      text: t(lang, 'summary:groups.gapDetail', {
        dimension: dimension ? `${gap.dimensionId} ${localize(dimension.title, lang)}` : gap.dimensionId,
        higher: localize(gap.higher.label, lang),
        higherMean: formatDecimal(gap.higher.mean, lang),
        lower: localize(gap.lower.label, lang),
        lowerMean: formatDecimal(gap.lower.mean, lang),
        difference: formatDecimal(gap.difference, lang),
      }),
    };
  });
}

function trendData(summary: RoundSummary, lang: Lang) {
  const trend = summary.trend;
  if (!trend.comparable) return { note: t(lang, `summary:trend.reasons.${trend.reason}`), lines: [] as { text: string }[] };
  return {
    note: t(lang, 'summary:trend.since', { title: trend.previous.title }),
    lines: trend.dimensions.map((d) => {
      const title = `${d.dimensionId} ${localize(summary.dimensions.find((x) => x.dimensionId === d.dimensionId)?.title ?? { nl: '', en: '' }, lang)}`.trim();
      if (d.change.status !== 'shown') return { text: `${title}: ${withheldLabel(d.change.reason, lang)}` };
      const rounded = Number(Math.abs(d.change.change).toFixed(1));
      return { text: `${title}: ${rounded === 0 ? t(lang, 'summary:trend.unchanged') : t(lang, 'summary:trend.change', { change: formatChange(d.change.change, lang) })}` };
    }),
  };
}

function reflectionData(summary: RoundSummary, lang: Lang, maxQuotes: number) {
  const r = summary.reflection;
  if (!r) return { show: false, allocationHeading: '', allocation: [], roleGrid: [], questions: [] };
  const allocation = r.allocation
    ? r.allocation.figure.status === 'shown'
      ? r.allocation.figure.means.map((m) => ({ title: localize(m.label, lang), value: t(lang, 'summary:reflection.days', { days: formatDecimal(m.mean, lang) }) }))
      : [{ title: keepLeadingNumber(`${r.allocation.number}.`), value: withheldLabel(r.allocation.figure.reason, lang) }]
    : [];
  const roleGrid =
    r.roleGrid && maxQuotes > 0
      ? r.roleGrid.domains.flatMap((d) => d.roles.map((role) => ({ heading: `${localize(d.label, lang)} — ${localize(role.label, lang)}`, quotes: role.texts.slice(0, maxQuotes).map((q) => ({ text: `“${typedText(q)}”` })) })))
      : [];
  const questions =
    maxQuotes > 0
      ? r.questions.filter((q) => q.quotes.length > 0).map((q) => ({ heading: keepLeadingNumber(`${q.number}. ${localize(q.text, lang)}`), quotes: q.quotes.slice(0, maxQuotes).map((x) => ({ text: `“${typedText(x)}”` })) }))
      : [];
  return {
    show: allocation.length + roleGrid.length + questions.length > 0,
    allocationHeading: r.allocation ? t(lang, 'summary:reflection.allocation') : '',
    allocation,
    roleGrid,
    questions,
  };
}

function summaryData(summary: RoundSummary, lang: Lang, chart: SummaryChart | undefined, maxQuotes: number, trimmed: boolean) {
  const rate = summary.responseRate;
  const trend = trendData(summary, lang);
  return {
    title: t(lang, 'summary:title', { title: summary.round.title }),
    responseHeading: t(lang, 'summary:responseRate.heading'),
    responseLine:
      rate.rate === null
        ? t(lang, 'summary:responseRate.nobodyInvited')
        : t(lang, 'summary:responseRate.line', { count: rate.completed, invited: rate.invited, rate: formatPercent(rate.rate, lang) }),
    startedLine: rate.startedNotCompleted > 0 ? t(lang, 'summary:responseRate.startedNotCompleted', { count: rate.startedNotCompleted }) : '',
    // Shown at the width the chart is drawn for (a 2× PNG): never stretched over a wide card, shrunk only on a narrower one.
    chart: chart ? { url: chart.url, altText: chart.altText, width: `${CHART_WIDTH}px` } : { url: '', altText: '', width: '' },
    dimensionsHeading: t(lang, 'summary:dimensions.heading'),
    levelRule: t(lang, 'summary:figure.levelRule'),
    dimensions: summary.dimensions.map((d) => dimensionData(summary, d, lang, maxQuotes)),
    quoteLabels: { strengths: t(lang, 'summary:quotes.strengths'), priorities: t(lang, 'summary:quotes.priorities'), show: t(lang, 'cards:summary.showAnswers') },
    strongest: { heading: t(lang, 'summary:strongest.heading'), intro: t(lang, 'summary:strongest.intro'), items: rankedLines(summary, summary.strongest, lang) },
    weakest: { heading: t(lang, 'summary:weakest.heading'), intro: t(lang, 'summary:weakest.intro'), items: rankedLines(summary, summary.weakest, lang), prompts: t(lang, 'summary:weakest.prompts') },
    groups: {
      heading: t(lang, 'summary:groups.heading'),
      note: t(lang, 'summary:groups.note', { k: summary.round.anonymityThreshold }),
      items: groupLines(summary, lang),
      gaps: gapLines(summary, lang),
      // Said in one line, so the team knows why there is no comparison (not that nobody looked).
      none: groupLines(summary, lang).length === 0 && summary.gaps.length === 0 ? t(lang, 'summary:groups.noComparison', { k: summary.round.anonymityThreshold }) : '',
    },
    trend: { heading: t(lang, 'summary:trend.heading'), note: trend.note, items: trend.lines },
    followUp: followUpData(summary, lang),
    reflection: { heading: t(lang, 'summary:reflection.heading'), roleGridHeading: t(lang, 'summary:reflection.roleGrid'), ...reflectionData(summary, lang, maxQuotes) },
    themes: {
      heading: t(lang, 'summary:themes.heading'),
      items: summary.themes.map((th) => ({ text: `${t(lang, `summary:themes.${th.kind}`)}: ${localize(th.label, lang)} — ${t(lang, 'summary:themes.count', { count: th.count })}` })),
    },
    quotesNote: maxQuotes > 0 ? t(lang, 'summary:quotes.note') : '',
    trimmedNote: trimmed ? t(lang, 'cards:summary.detailsInReplies') : '',
    withheldNote: t(lang, 'summary:withheld.explanation', { k: summary.round.anonymityThreshold }),
    thanks: resolveMessage(summary.closing.thanks, lang),
    nextSteps: resolveMessage(summary.closing.nextSteps, lang),
  };
}

/**
 * The overview card for the channel: figures, strengths and work points, groups, trend, thanks.
 * What colleagues wrote follows in full as replies (summaryDetailCards), so this card never has
 * to leave an answer out to fit; it says where the details are when there are any.
 */
export function summaryCard(summary: RoundSummary, lang: Lang, chart?: SummaryChart, hasDetails = true): AdaptiveCard {
  const card = renderCard('summary', summaryData(summary, lang, chart, 0, hasDetails));
  if (cardSize(card) > MAX_CARD_BYTES) throw new Error(`summary overview card of ${cardSize(card)} bytes`);
  return card;
}

/** Actions since the previous round beside each dimension's trend (issue #14); hidden without a previous round. */
function followUpData(summary: RoundSummary, lang: Lang) {
  const lines = followUpLines(summary, lang);
  if (!lines) return { show: false, heading: '', note: '', dimensions: [] as { line: string; actions: { text: string }[] }[] };
  return { show: true, heading: lines.heading, note: lines.note, dimensions: lines.dimensions.map((d) => ({ line: d.line, actions: d.actions.map((text) => ({ text: typedText(text) })) })) };
}
