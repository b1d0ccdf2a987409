import { roundProgress } from '../core/round-progress';
import type { Repositories } from '../core/ports';
import type { ResponseRecord } from '../core/response';
import type { Round } from '../core/round';
import { RoundTallier, type RoundTally } from '../core/tally';
import type { Logger } from '../log';
import { randomId } from '../core/random-id';
import { buildSummaryFromTally, extractQuotes, type PreviousRound, type RoundSummary } from '../core/summary';
import { buildFollowUp } from '../core/summary/follow-up';

/** What closing computes once and stores (SummaryRepository.saveOnce keeps the first). */
export interface SummarySnapshot {
  summary: RoundSummary;
  chartPng?: Buffer;
}

export type SummarySnapshotBuilder = (round: Round, now: Date) => Promise<SummarySnapshot>;

/** Renders the summary's chart as a PNG; a failing renderer never blocks closing. */
export type ChartRenderer = (summary: RoundSummary) => Promise<Buffer | undefined>;

/**
 * The real chart (src/render/chart), in the round's language; resvg is loaded on first use. A lazy
 * `require` of the file, not `import()`: the app runs as CommonJS through tsx's require hook, and
 * a dynamic import() goes to Node's ESM loader instead, which resolves neither a directory nor
 * an extensionless TypeScript path (ERR_UNSUPPORTED_DIR_IMPORT / ERR_MODULE_NOT_FOUND).
 */
export const renderChartPng: ChartRenderer = async (summary) => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { renderSummaryChart } = require('../render/chart/index') as typeof import('../render/chart/index');
  return (await renderSummaryChart(summary, summary.round.language)).png;
};

/**
 * The snapshot at closing, from the core's summary model:
 *  1. the responses are streamed once (tallyAndCopyQuotes): into the tally, and their open
 *     answers copied out as quotes, once (extractQuotesOnce's batch rules: a close repeated after
 *     a crash, or run by two processes, keeps one set);
 *  2. the summary is computed over the *stored* quotes, so a repeated close uses the order and
 *     moderation state that were stored the first time;
 *  3. the chart is rendered when a renderer is given; a renderer that fails leaves the chart out
 *     (the summary itself still goes out without its picture; the failure is logged).
 */
export function coreSummarySnapshot(repos: Repositories, options: { renderChart?: ChartRenderer; logger?: Logger } = {}): SummarySnapshotBuilder {
  const { renderChart, logger } = options;
  return async (round, now) => {
    const { tally, batch, insertedHere } = await tallyAndCopyQuotes(repos, round, now);
    // Only quotes the summary can show: approved ones with moderation (none yet at a first
    // close: the quotes this close inserted are all pending, so they are not even read back),
    // every one not hidden without it. Only the kept batch: a closer that lost the race may still
    // be inserting its own, which it then deletes.
    const quotes =
      round.moderation && insertedHere ? [] : await repos.quotes.listByRound(round.id, { statuses: round.moderation ? ['approved'] : ['pending', 'approved'], batch });
    const progress = await roundProgress(repos, round);
    const previous = await previousRound(repos, round);
    const summary = await withFollowUp(repos, round, buildSummaryFromTally({ round, tally, progress, quotes, previous, now }));
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

/** Responses copied out as quotes per this many, while the next ones are read. */
const QUOTE_BATCH = 250;

/**
 * Streams the round's responses once: each goes into the tally and its open answers into
 * quotes, inserted a batch at a time while the cursor reads on. Memory stays one batch, not the
 * round (10,000 responses and their quotes at once would be hundreds of megabytes).
 *
 * Quotes are copied exactly once, as extractQuotesOnce does it (same rules, streamed): when the
 * round has already claimed a quote batch (a repeated close), only the tally is made; otherwise
 * every quote is inserted under this attempt's own random batch id, and only once all of them are
 * in is the round claimed for it (so a claimed batch is always complete). Whatever other batches
 * exist (a lost race, a crashed attempt) are then deleted.
 */
async function tallyAndCopyQuotes(repos: Repositories, round: Round, now: Date): Promise<{ tally: RoundTally; batch: string; insertedHere: boolean }> {
  const tallier = new RoundTallier(round);
  const claimed = (await repos.rounds.get(round.id))?.quoteBatch;
  const mine = claimed ? undefined : randomId();
  /** The sections of the quotes this attempt inserted. */
  const sectionsInserted = new Set<string>();
  let batch: ResponseRecord[] = [];
  let inserting: Promise<void> = Promise.resolve();
  const flush = async () => {
    if (!mine || batch.length === 0) {
      batch = [];
      return;
    }
    const quotes = extractQuotes(round, batch, now, undefined, mine);
    batch = [];
    if (quotes.length === 0) return;
    for (const quote of quotes) sectionsInserted.add(quote.section);
    // One insert in flight at a time: reading overlaps writing, memory stays bounded.
    await inserting;
    inserting = repos.quotes.insertMany(quotes);
    // Awaited at the next flush; until then a failure must not count as unhandled.
    inserting.catch(() => undefined);
  };
  await repos.responses.forEachByRound(round.id, async (response) => {
    if (response.roundId !== round.id) return;
    tallier.addResponse(response);
    if (!mine) return;
    batch.push(response);
    if (batch.length >= QUOTE_BATCH) await flush();
  });
  await flush();
  await inserting;
  const kept = mine ? await repos.rounds.claimQuoteBatch(round.id, mine) : claimed!;
  await repos.quotes.discardOtherBatches(round.id, kept);
  // A section fewer than k people submitted shows no figure and none of its open answers either
  // (a lone writer would be recognisable, screened or not): they are not kept, so nobody is asked
  // to screen answers that could never be published.
  const shown = [...tallier.tally.sectionRespondents].filter(([, n]) => n >= round.anonymityThreshold).map(([section]) => section);
  // When the kept quotes are this attempt's own and all of their sections count, there is nothing
  // to delete: the delete (a scan of every quote of the round) is skipped.
  const insertedHere = kept === mine;
  if (!insertedHere || [...sectionsInserted].some((section) => !shown.includes(section))) await repos.quotes.keepOnlySections(round.id, shown);
  return { tally: tallier.tally, batch: kept, insertedHere };
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
