import { progressFromCounts } from '../core/participation';
import type { Repositories } from '../core/ports';
import type { Round } from '../core/round';
import type { Logger } from '../log';
import { buildSummary, extractQuotesOnce, type PreviousRound, type RoundSummary } from '../core/summary';
import { buildFollowUp } from '../core/summary/follow-up';

/** What closing computes once and stores (SummaryRepository.saveOnce keeps the first). */
export interface SummarySnapshot {
  summary: RoundSummary;
  chartPng?: Buffer;
}

export type SummarySnapshotBuilder = (round: Round, now: Date) => Promise<SummarySnapshot>;

/** Renders the summary's chart as a PNG; a failing renderer never blocks closing. */
export type ChartRenderer = (summary: RoundSummary) => Promise<Buffer | undefined>;

/** The real chart (src/render/chart), in the round's language; vega is loaded on first use. */
export const renderChartPng: ChartRenderer = async (summary) => {
  const { renderSummaryChart } = await import('../render/chart');
  return (await renderSummaryChart(summary, summary.round.language)).png;
};

/**
 * The snapshot at closing, from the core's summary model:
 *  1. the open answers are copied out as quotes, once (extractQuotesOnce: a close repeated after
 *     a crash, or run by two processes, keeps one set);
 *  2. the summary is computed over the *stored* quotes, so a repeated close uses the order and
 *     moderation state that were stored the first time;
 *  3. the chart is rendered when a renderer is given; a renderer that fails leaves the chart out
 *     (the summary itself still goes out without its picture; the failure is logged).
 */
export function coreSummarySnapshot(repos: Repositories, options: { renderChart?: ChartRenderer; logger?: Logger } = {}): SummarySnapshotBuilder {
  const { renderChart, logger } = options;
  return async (round, now) => {
    const responses = await repos.responses.listByRound(round.id);
    await extractQuotesOnce(repos, round, responses, now);
    const quotes = await repos.quotes.listByRound(round.id);
    const progress = progressFromCounts(await repos.participations.countByStatus(round.id));
    const previous = await previousRound(repos, round);
    const built = buildSummary({ round, responses, progress, quotes, previous, now });
    const summary = await withFollowUp(repos, round, built);
    let chartPng: Buffer | undefined;
    if (renderChart) {
      try {
        chartPng = await renderChart(summary);
      } catch (e) {
        logger?.error({ err: e, roundId: round.id }, 'could not render the summary chart; the summary goes out without it');
        chartPng = undefined;
      }
    }
    return { summary, ...(chartPng ? { chartPng } : {}) };
  };
}

/**
 * The school's own previous published round, by its stored summary when there is one: the latest
 * that asked the same dimensions, else the latest at all (so the summary can say why it does not
 * compare).
 */
async function previousRound(repos: Repositories, round: Round): Promise<PreviousRound | undefined> {
  const previous =
    (await repos.rounds.previousPublished(round.tenantId, round.opensAt, { dimensionIds: round.dimensionIds })) ?? (await repos.rounds.previousPublished(round.tenantId, round.opensAt));
  if (!previous) return undefined;
  const stored = await repos.summaries.get(previous.id);
  if (stored) return { summary: stored.summary as unknown as RoundSummary };
  return { round: previous, responses: await repos.responses.listByRound(previous.id) };
}

/** Adds the actions since the previous published round, per dimension beside its trend (issue #14). */
async function withFollowUp(repos: Repositories, round: Round, summary: RoundSummary): Promise<RoundSummary> {
  const previous = await repos.rounds.previousPublished(round.tenantId, round.opensAt);
  if (!previous || previous.id === round.id) return summary;
  const actions = await repos.actions.listByRound(previous.id);
  const dimensionTitles = Object.fromEntries(previous.questionnaire.dimensions.map((d) => [d.id, d.title]));
  const followUp = buildFollowUp(summary, { roundId: previous.id, title: previous.title, dimensionTitles }, actions);
  return followUp ? { ...summary, followUp } : summary;
}
