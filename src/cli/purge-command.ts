import { parseArgs } from 'node:util';
import { parseEnv } from '../config/env';
import { purgeRoundAnswers } from '../core/retention';
import type { Repositories } from '../core/ports';
import type { Round } from '../core/round';
import { createLogger } from '../log';
import { connectStore } from '../store';

export const PURGE_USAGE = `Usage: zorgspiegel purge --round ID
       zorgspiegel purge --older-than DURATION|DATE

Deletes the raw answers of published (or cancelled) rounds now, instead of at the end of the
workspace's retention period. Summaries and published quotes stay.
  --round ID            one round
  --older-than 6mo      every round published (or cancelled) more than 6 months ago;
                        also 90d, 8w, 2y, or a date such as 2025-09-01
`;

const UNITS: Record<string, (d: Date, n: number) => void> = {
  d: (d, n) => d.setUTCDate(d.getUTCDate() - n),
  w: (d, n) => d.setUTCDate(d.getUTCDate() - 7 * n),
  mo: (d, n) => d.setUTCMonth(d.getUTCMonth() - n),
  y: (d, n) => d.setUTCFullYear(d.getUTCFullYear() - n),
};

/** "6mo", "90d", "8w", "2y" before `now`, or a calendar date (YYYY-MM-DD, midnight UTC); undefined when neither. */
export function cutoffFrom(value: string, now: Date): Date | undefined {
  const duration = /^(\d+)(d|w|mo|y)$/.exec(value.trim());
  if (duration) {
    const cutoff = new Date(now);
    UNITS[duration[2]!]!(cutoff, Number(duration[1]));
    return cutoff;
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(value.trim())) {
    const date = new Date(`${value.trim()}T00:00:00.000Z`);
    if (!Number.isNaN(date.getTime()) && date.toISOString().startsWith(value.trim())) return date;
  }
  return undefined;
}

const endedAt = (round: Round) => round.publishedAt ?? round.cancelledAt;

async function purgeOne(repos: Repositories, id: string, now: Date, out: (line: string) => void): Promise<number> {
  const round = await repos.rounds.get(id);
  if (!round) {
    process.stderr.write(`No round with id "${id}".\n`);
    return 1;
  }
  if (round.answersPurgedAt) {
    out(`The raw answers of "${round.title}" (${round.id}) were already deleted on ${round.answersPurgedAt.toISOString().slice(0, 10)}.`);
    return 0;
  }
  if (round.state !== 'published' && round.state !== 'cancelled') {
    process.stderr.write(`"${round.title}" (${round.id}) is ${round.state}: its answers are kept until it is published or cancelled.\n`);
    return 1;
  }
  const deleted = await purgeRoundAnswers(repos, round, now);
  out(`Deleted the raw answers of "${round.title}" (${round.id}): ${deleted} responses. The summary stays.`);
  return 0;
}

async function purgeOlder(repos: Repositories, cutoff: Date, now: Date, out: (line: string) => void): Promise<number> {
  const due = (await repos.rounds.listWithAnswersKept()).filter((r) => {
    const ended = endedAt(r);
    return ended !== undefined && ended < cutoff;
  });
  for (const round of due) {
    const deleted = await purgeRoundAnswers(repos, round, now);
    out(`Deleted the raw answers of "${round.title}" (${round.id}): ${deleted} responses.`);
  }
  out(`${due.length} round(s) published or cancelled before ${cutoff.toISOString().slice(0, 10)} had raw answers; they are deleted. Summaries stay.`);
  return 0;
}

/** `zorgspiegel purge`: see PURGE_USAGE. Connects to the configured database like `serve` does. */
export async function runPurgeCommand(args: string[]): Promise<number> {
  let values: { round?: string; 'older-than'?: string };
  try {
    ({ values } = parseArgs({ args, options: { round: { type: 'string' }, 'older-than': { type: 'string' } } }));
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n\n${PURGE_USAGE}`);
    return 2;
  }
  const round = values.round;
  const olderThan = values['older-than'];
  if ((round === undefined) === (olderThan === undefined)) {
    process.stderr.write(`Give either --round or --older-than.\n\n${PURGE_USAGE}`);
    return 2;
  }
  const now = new Date();
  const cutoff = olderThan === undefined ? undefined : cutoffFrom(olderThan, now);
  if (olderThan !== undefined && !cutoff) {
    process.stderr.write(`--older-than "${olderThan}" is neither a duration (90d, 8w, 6mo, 2y) nor a date (YYYY-MM-DD).\n`);
    return 2;
  }
  const env = parseEnv();
  const store = await connectStore({ env, logger: createLogger(process.env.LOG_LEVEL ?? 'warn') });
  const out = (line: string) => process.stdout.write(`${line}\n`);
  try {
    return cutoff ? await purgeOlder(store.repos, cutoff, now, out) : await purgeOne(store.repos, round!, now, out);
  } finally {
    await store.close();
  }
}
