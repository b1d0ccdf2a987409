/**
 * `npm run bench -- summary`: the summary of a round with 10,000 respondents × 59 items (52 scale
 * items and 7 reflection questions of the default questionnaire), through the product's
 * buildSummary, against a single hand-written pass over the same responses that only counts the
 * scale points per item (the least any summary must do). Both on this thread, interleaved,
 * SUMMARY_REPEATS times (default 5); medians.
 *
 * Prints: CPU ms of each and their ratio (goal: < 1 s, aim ≤ 3 × the single pass), and the heap
 * each leaves allocated right after it ran (before any collection).
 */
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';
import { progressFromCounts } from '../src/core/participation';
import { buildSummary } from '../src/core/summary';
import { benchResponses, benchRound, summaryItems } from './support/school-responses';

const RESPONDENTS = Number(process.env.SUMMARY_RESPONDENTS ?? 10_000);
const REPEATS = Number(process.env.SUMMARY_REPEATS ?? 5);

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

const round = benchRound();
const responses = [...benchResponses(round, RESPONDENTS)];
const items = summaryItems(round);
const progress = progressFromCounts({ delivered: RESPONDENTS }, { started: RESPONDENTS, completed: RESPONDENTS });

/** The baseline: one loop, counters per item and scale point, nothing else. */
function singlePass(): number {
  const ids = items.map((i) => i.id);
  const counts = new Float64Array(ids.length * 8);
  for (const r of responses) {
    const answers = r.answers;
    for (let i = 0; i < ids.length; i++) {
      const v = answers[ids[i]!];
      if (typeof v === 'number') counts[i * 8 + v]!++;
      else if (v !== undefined && typeof v === 'object') for (const days of Object.values(v)) if (typeof days === 'number') counts[i * 8 + 7]! += days;
    }
  }
  return counts.reduce((a, b) => a + b, 0);
}

function product(): number {
  return buildSummary({ round, responses, progress, quotes: [], now: new Date() }).dimensions.length;
}

function measure(run: () => number): { cpuMs: number; wallMs: number; heapMb: number } {
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const cpu = process.cpuUsage();
  const wall = performance.now();
  run();
  const used = process.cpuUsage(cpu);
  const wallMs = performance.now() - wall;
  const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
  return { cpuMs: (used.user + used.system) / 1000, wallMs, heapMb };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

// Warm both up once (JIT), then interleave so machine load hits both alike.
singlePass();
product();
const base: ReturnType<typeof measure>[] = [];
const ours: ReturnType<typeof measure>[] = [];
for (let i = 0; i < REPEATS; i++) {
  base.push(measure(singlePass));
  ours.push(measure(product));
}
const pick = (runs: ReturnType<typeof measure>[], key: keyof ReturnType<typeof measure>) => median(runs.map((r) => r[key]));
const [bCpu, oCpu] = [pick(base, 'cpuMs'), pick(ours, 'cpuMs')];
const lines = [
  `summary: ${RESPONDENTS} respondents × ${items.length} items (default questionnaire, detailed, reflection), medians of ${REPEATS} interleaved runs`,
  `baseline (one hand-written pass counting scale points): ${bCpu.toFixed(0)} ms CPU (${pick(base, 'wallMs').toFixed(0)} ms wall), heap +${pick(base, 'heapMb').toFixed(1)} MB`,
  `buildSummary: ${oCpu.toFixed(0)} ms CPU (${pick(ours, 'wallMs').toFixed(0)} ms wall), heap +${pick(ours, 'heapMb').toFixed(1)} MB`,
  `ratio: ${(oCpu / bCpu).toFixed(2)} × the single pass (goal < 1 s CPU, aim ≤ 3 ×)`,
  `process RSS: ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB (with the ${RESPONDENTS} responses held in memory for both)`,
];
process.stdout.write(lines.join('\n') + '\n');
