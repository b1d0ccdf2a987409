import type { Lang } from '../../core/questionnaire/schema';
import { followUpBlocks } from '../follow-up/summary-blocks';
import {
  askedGroupsLine,
  bandLabel,
  formatChange,
  formatDecimal,
  formatPercent,
  localize,
  statementSentence,
  resolveMessage,
  spreadText,
  scaleMax,
  withheldLabel,
  type DimensionSummary,
  type RankedStatement,
  type RoundSummary,
  type ScaleFigure,
} from '../../core/summary';
import { t } from '../../i18n';
import { BLOCK_KIT } from '../limits';
import type { KnownBlock } from '../slack-types';
import { chunkBlocks, context, divider, escapeMrkdwn, header, sections, truncate } from './blocks';
import type { SlackMessage } from './invitation';

/**
 * The published summary as Slack messages: a main post for the channel (response rate, a score
 * line per dimension with its ROK band and spread, strengths and priorities, groups and trend
 * where the anonymity rules allow them, thanks) and thread replies with the details (statements,
 * groups, approved quotes, reflection questions, themes), ending with an invitation to discuss.
 *
 * Renders only what the core's summary model holds: a withheld figure says why ("te weinig
 * antwoorden"); nothing is computed here but the text bars.
 */

const BAR_LEVELS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
const MEAN_BAR_WIDTH = 10;

/** "███████░░░" — the mean on the scale, ten characters wide. */
export function meanBar(mean: number, min: number, max: number): string {
  const share = max > min ? (mean - min) / (max - min) : 0;
  const filled = Math.max(0, Math.min(MEAN_BAR_WIDTH, Math.round(share * MEAN_BAR_WIDTH)));
  return '█'.repeat(filled) + '░'.repeat(MEAN_BAR_WIDTH - filled);
}

/** "▁▃▅█▆▂" — one character per scale point, its height the share of answers on that point. */
export function distributionBar(shares: number[]): string {
  const top = Math.max(...shares, 0);
  return shares
    .map((s) => (s <= 0 || top <= 0 ? '·' : BAR_LEVELS[Math.min(BAR_LEVELS.length - 1, Math.max(0, Math.ceil((s / top) * BAR_LEVELS.length) - 1))]!))
    .join('');
}

function scaleMin(summary: RoundSummary): number {
  return Math.min(...summary.labels.scalePoints.map((p) => p.value));
}

/** A figure in one or two lines, or why it is not shown. */
function figureLines(summary: RoundSummary, figure: ScaleFigure, lang: Lang): string {
  if (figure.status !== 'shown') return `_${escapeMrkdwn(withheldLabel(figure.reason, lang))}_`;
  const max = scaleMax(summary);
  const mean = formatDecimal(figure.mean, lang);
  const band = bandLabel(summary, figure.band, lang);
  const points = figure.distribution.map((d) => d.value);
  return (
    `\`${meanBar(figure.mean, scaleMin(summary), max)}\` ${escapeMrkdwn(t(lang, 'summary:figure.meanOutOf', { mean, max }))} · *${escapeMrkdwn(band)}* · ${escapeMrkdwn(t(lang, 'summary:figure.respondentsShort', { n: figure.n }))}\n` +
    `\`${distributionBar(figure.distribution.map((d) => d.share))}\` ${escapeMrkdwn(t(lang, 'slack:summary.spread', { from: points[0] ?? '', to: points[points.length - 1] ?? '', sd: spreadText(figure.sd, lang) }))}`
  );
}

function dimensionLine(summary: RoundSummary, d: DimensionSummary, lang: Lang): string {
  // The id links the line to the chart's row, which may carry only the dimension's short name.
  const lines = [`*${escapeMrkdwn(`${d.dimensionId}. ${localize(d.title, lang)}`)}*`, figureLines(summary, d.score, lang)];
  if (d.agreement.status === 'shown') lines.push(escapeMrkdwn(t(lang, 'summary:figure.agreement', { share: formatPercent(d.agreement.share, lang) })));
  return lines.join('\n');
}

function rankedLines(summary: RoundSummary, list: RankedStatement[], lang: Lang): string {
  return list
    .map((s) => `• ${escapeMrkdwn(statementSentence(summary, s.text, lang))} — ${escapeMrkdwn(t(lang, 'summary:figure.meanShort', { mean: formatDecimal(s.mean, lang) }))} (${escapeMrkdwn(bandLabel(summary, s.band, lang))})`)
    .join('\n');
}

/** A person's words as a Slack quote: every line prefixed, nothing interpreted as markup. */
function quoteBlock(text: string): string {
  return escapeMrkdwn(text)
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
}

function quoteList(title: string, quotes: string[]): string {
  return `*${escapeMrkdwn(title)}*\n${quotes.map(quoteBlock).join('\n\n')}`;
}

/** A heading that counts exactly the answers listed under it ("Sterktes (12 antwoorden)"). */
function countedList(title: string, quotes: string[], lang: Lang): string {
  return quoteList(t(lang, 'summary:quotes.listHeading', { title, count: quotes.length }), quotes);
}

/** "4 van 20: geen zicht" after a statement, when anyone chose it. */
function noViewText(noView: { noView: number; answered: number } | undefined, lang: Lang): string {
  return noView && noView.noView > 0 ? `\n_${escapeMrkdwn(t(lang, 'summary:figure.noView', { noView: noView.noView, answered: noView.answered }))}_` : '';
}

function responseRateText(summary: RoundSummary, lang: Lang): string {
  const r = summary.responseRate;
  const lines = [`*${escapeMrkdwn(t(lang, 'summary:responseRate.heading'))}*`];
  if (r.rate === null) lines.push(escapeMrkdwn(t(lang, 'summary:responseRate.nobodyInvited')));
  else lines.push(escapeMrkdwn(t(lang, 'summary:responseRate.line', { count: r.completed, invited: r.invited, rate: formatPercent(r.rate, lang) })));
  if (r.startedNotCompleted > 0) lines.push(escapeMrkdwn(t(lang, 'summary:responseRate.startedNotCompleted', { count: r.startedNotCompleted })));
  return lines.join('\n');
}

function trendText(summary: RoundSummary, lang: Lang): string | undefined {
  const trend = summary.trend;
  const heading = `*${escapeMrkdwn(t(lang, 'summary:trend.heading'))}*`;
  if (!trend.comparable) return trend.reason === 'no_previous' ? undefined : `${heading}\n${escapeMrkdwn(t(lang, `summary:trend.reasons.${trend.reason}`))}`;
  const lines = trend.dimensions.map((d) => {
    const title = escapeMrkdwn(localize(summary.dimensions.find((x) => x.dimensionId === d.dimensionId)?.title ?? { nl: d.dimensionId, en: d.dimensionId }, lang));
    if (d.change.status !== 'shown') return `• ${title}: _${escapeMrkdwn(withheldLabel(d.change.reason, lang))}_`;
    const change = formatChange(d.change.change, lang);
    const what = Number(d.change.change.toFixed(1)) === 0 ? t(lang, 'summary:trend.unchanged') : t(lang, 'summary:trend.change', { change });
    return `• ${title}: ${escapeMrkdwn(formatDecimal(d.change.previousMean, lang))} → ${escapeMrkdwn(formatDecimal(d.change.currentMean, lang))} (${escapeMrkdwn(what)})`;
  });
  return `${heading}\n${escapeMrkdwn(t(lang, 'summary:trend.since', { title: trend.previous.title }))}\n${lines.join('\n')}`;
}

function gapsText(summary: RoundSummary, lang: Lang): string | undefined {
  if (summary.gaps.length === 0) return undefined;
  const lines = summary.gaps.map((g) => {
    const dimension = localize(summary.dimensions.find((d) => d.dimensionId === g.dimensionId)?.title ?? { nl: g.dimensionId, en: g.dimensionId }, lang);
    return `• ${escapeMrkdwn(
      t(lang, 'summary:groups.gapDetail', {
        dimension,
        higher: localize(g.higher.label, lang),
        lower: localize(g.lower.label, lang),
        higherMean: formatDecimal(g.higher.mean, lang),
        lowerMean: formatDecimal(g.lower.mean, lang),
        difference: formatDecimal(g.difference, lang),
      }),
    )}`;
  });
  return `*${escapeMrkdwn(t(lang, 'summary:groups.heading'))}*\n${lines.join('\n')}`;
}

/** The channel post: what everyone should see without opening the thread. */
function mainBlocks(summary: RoundSummary, lang: Lang, hasThread: boolean): KnownBlock[] {
  const blocks: KnownBlock[] = [header(t(lang, 'summary:title', { title: summary.round.title }))];
  blocks.push(...sections(responseRateText(summary, lang)));
  blocks.push(...sections(`*${escapeMrkdwn(t(lang, 'summary:dimensions.heading'))}*`));
  blocks.push(context(escapeMrkdwn(t(lang, 'summary:figure.levelRule'))));
  for (const d of summary.dimensions) blocks.push(...sections(dimensionLine(summary, d, lang)));
  if (summary.strongest.length) blocks.push(...sections(`*${escapeMrkdwn(t(lang, 'summary:strongest.heading'))}*\n${rankedLines(summary, summary.strongest, lang)}`));
  if (summary.weakest.length)
    blocks.push(...sections(`*${escapeMrkdwn(t(lang, 'summary:weakest.heading'))}*\n${rankedLines(summary, summary.weakest, lang)}\n_${escapeMrkdwn(t(lang, 'summary:weakest.prompts'))}_`));
  const gaps = gapsText(summary, lang);
  if (gaps) blocks.push(...sections(gaps));
  else if (summary.groups.every((g) => g.groups.length < 2)) blocks.push(context(escapeMrkdwn(t(lang, 'summary:groups.noComparison', { k: summary.round.anonymityThreshold }))));
  const trend = trendText(summary, lang);
  if (trend) blocks.push(...sections(trend));
  blocks.push(...followUpBlocks(summary, lang));
  blocks.push(divider());
  blocks.push(...sections(`${escapeMrkdwn(resolveMessage(summary.closing.thanks, lang))}\n\n${escapeMrkdwn(resolveMessage(summary.closing.nextSteps, lang))}`));
  blocks.push(context(escapeMrkdwn(t(lang, 'summary:withheld.explanation', { k: summary.round.anonymityThreshold }))));
  if (hasThread) blocks.push(context(escapeMrkdwn(t(lang, 'slack:summary.detailsInThread'))));
  return blocks;
}

/** The details: one part per dimension, the reflection questions and the themes. */
function detailBlocks(summary: RoundSummary, lang: Lang): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  for (const d of summary.dimensions) {
    const part: KnownBlock[] = [header(localize(d.title, lang))];
    const asked = askedGroupsLine(d, lang);
    if (asked) part.push(context(escapeMrkdwn(asked)));
    if (d.noView && d.noView.noView > 0) part.push(context(escapeMrkdwn(t(lang, 'summary:figure.noView', { noView: d.noView.noView, answered: d.noView.answered }))));
    if (d.statements.length) {
      const lines = d.statements.map((s) => `• ${escapeMrkdwn(localize(s.text, lang))}\n${figureLines(summary, s.figure, lang)}${noViewText(s.noView, lang)}`);
      part.push(...sections(lines.join('\n')));
    }
    const groups = summary.groups.find((g) => g.dimensionId === d.dimensionId);
    // One group alone compares nothing.
    if (groups && groups.groups.length > 1) {
      const lines = groups.groups.map((g) => `• *${escapeMrkdwn(localize(g.label, lang))}*: ${figureLines(summary, g.figure, lang).replace(/\n/g, ' · ')}`);
      part.push(...sections(`*${escapeMrkdwn(t(lang, 'summary:groups.heading'))}*\n${lines.join('\n')}`));
    }
    const wrote = t(lang, 'summary:quotes.heading');
    if (d.quotes.strengths.length) part.push(...sections(countedList(`${wrote} — ${t(lang, 'summary:quotes.strengths')}`, d.quotes.strengths, lang)));
    if (d.quotes.priorities.length) part.push(...sections(countedList(`${wrote} — ${t(lang, 'summary:quotes.priorities')}`, d.quotes.priorities, lang)));
    const practices = d.quotes.practices ?? [];
    if (practices.length) part.push(...sections(countedList(t(lang, 'summary:quotes.practices'), practices, lang)));
    // A dimension with nothing beyond its score line (quick round, no quotes) adds no detail.
    if (part.length > 1) blocks.push(...part);
  }
  const reflection = summary.reflection;
  if (reflection) {
    const part: KnownBlock[] = [header(t(lang, 'summary:reflection.heading'))];
    const alloc = reflection.allocation;
    if (alloc) {
      const title = `*${alloc.number}. ${escapeMrkdwn(t(lang, 'summary:reflection.allocation'))}*`;
      if (alloc.figure.status === 'shown') {
        const lines = alloc.figure.means.map((m) => `• ${escapeMrkdwn(localize(m.label, lang))}: ${escapeMrkdwn(t(lang, 'summary:reflection.days', { days: formatDecimal(m.mean, lang) }))}`);
        part.push(...sections(`${title}\n${lines.join('\n')}\n${escapeMrkdwn(t(lang, 'summary:figure.respondentsShort', { n: alloc.figure.n }))}`));
      } else part.push(...sections(`${title}\n_${escapeMrkdwn(withheldLabel(alloc.figure.reason, lang))}_`));
    }
    const grid = reflection.roleGrid;
    if (grid && grid.domains.length) {
      part.push(...sections(`*${grid.number}. ${escapeMrkdwn(t(lang, 'summary:reflection.roleGrid'))}*`));
      for (const d of grid.domains) {
        const roles = d.roles.map((r) => countedList(localize(r.label, lang), r.texts, lang));
        part.push(...sections(`*${escapeMrkdwn(localize(d.label, lang))}*\n${roles.join('\n')}`));
      }
    }
    for (const q of reflection.questions) {
      if (q.quotes.length) part.push(...sections(countedList(`${q.number}. ${localize(q.text, lang)}`, q.quotes, lang)));
    }
    if (part.length > 1) blocks.push(...part);
  }
  if (summary.themes.length) {
    const lines = summary.themes.map(
      (th) => `• ${escapeMrkdwn(localize(th.label, lang))} (${escapeMrkdwn(t(lang, `summary:themes.${th.kind}`))}) — ${escapeMrkdwn(t(lang, 'summary:themes.count', { count: th.count }))}`,
    );
    blocks.push(...sections(`*${escapeMrkdwn(t(lang, 'summary:themes.heading'))}*\n${lines.join('\n')}`));
  }
  if (blocks.length) blocks.push(context(escapeMrkdwn(t(lang, 'summary:quotes.note'))));
  return blocks;
}

export interface SummaryPost {
  /** The channel post. */
  main: SlackMessage;
  /** Thread replies with the details, each within the 50-block limit. */
  details: SlackMessage[];
  /** The last thread reply: an invitation to discuss. */
  discussion: SlackMessage;
}

export function summaryPost(summary: RoundSummary): SummaryPost {
  const lang = summary.round.language;
  const details = detailBlocks(summary, lang);
  const main = mainBlocks(summary, lang, details.length > 0);
  // The main post is one message; should a very large questionnaire overflow it, the overflow
  // moves to the front of the thread rather than being dropped.
  const mainChunks = chunkBlocks(main, BLOCK_KIT.messageBlocks);
  const [first, ...overflow] = mainChunks;
  const threadBlocks = [...overflow.flat(), ...details];
  const title = t(lang, 'summary:title', { title: summary.round.title });
  const rate = summary.responseRate.rate;
  const fallback = truncate(rate === null ? title : `${title} — ${formatPercent(rate, lang)}`, BLOCK_KIT.messageText);
  return {
    main: { text: fallback, blocks: first ?? [] },
    details: threadBlocks.length ? chunkBlocks(threadBlocks, BLOCK_KIT.messageBlocks).map((blocks) => ({ text: truncate(title, BLOCK_KIT.messageText), blocks })) : [],
    discussion: {
      text: t(lang, 'slack:summary.discussion'),
      blocks: sections(escapeMrkdwn(t(lang, 'slack:summary.discussion'))),
    },
  };
}
