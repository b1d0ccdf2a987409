import { createHash } from 'node:crypto';
import { BSON, ObjectId, type Document } from 'mongodb';
import type { Actor, Services } from '../../src/core/services';
import { createServices } from '../../src/core/services';
import { respondentKey } from '../../src/core/response';
import type { Round } from '../../src/core/round';
import { seededRandom } from '../../src/core/testing/seeded-random';
import { tinyQuestionnaire } from '../../src/core/testing/fixtures';
import { createWorld, DAY, HOUR, people, silent, TEST_RESPONDENT_SECRET, type World } from '../orchestration/harness';

/**
 * The attacker of issue #12: someone with a full copy of the database (a backup, hosting staff, an
 * administrator) but not RESPONDENT_KEY_SECRET tries to name the writer of each response.
 *
 * A round of 40 colleagues runs through the real services and the real scheduler on a fake clock:
 * invitations, answers at different moments over ten days (some finish, some stop half-way, some
 * never start, some opt out), reminders, closing, moderation (hide, edit) and publication. Then
 * every linkage strategy below runs on the raw collections. The test knows the truth (it has the
 * secret) and counts how many people each strategy links to their own response.
 *
 * "Chance": the status of an invitation (completed, started, not started, opted out) is stored on
 * purpose (counts and reminders need it), and a response shows whether it is complete, partial or
 * empty. So an attacker may pair people and responses within those classes; at random that
 * gets about one right per class (the expected number of fixed points of a random matching is 1),
 * here about 4. A strategy passes when it links at most CHANCE_BOUND people: Poisson(4) exceeds
 * it with probability below 1e-5, while the leaks this test was written against link 30 to 40.
 */
const N = 40;
const CHANCE_BOUND = 15;
const SECRET = TEST_RESPONDENT_SECRET;

type Plan = 'complete' | 'partial' | 'idle' | 'optOut';
const PLANS: Plan[] = [...Array(24).fill('complete'), ...Array(8).fill('partial'), ...Array(5).fill('idle'), ...Array(3).fill('optOut')];

let world: World;
let round: Round;
const users = people(N, 'U');
const truth = new Map<string, string>(); // platform user id → respondent key

// ---------------------------------------------------------------- the raw database, as the attacker sees it

interface Raw {
  participations: Document[];
  responses: Document[];
  /** In natural order (no sort): what a dump or a collection scan gives. */
  responsesNatural: Document[];
  participationsNatural: Document[];
  jobs: Document[];
  quotes: Document[];
}

async function dump(): Promise<Raw> {
  const col = (name: string) => world.db.db.collection(name);
  const [participations, responses, jobs, quotes] = await Promise.all(
    ['participations', 'responses', 'jobs', 'quotes'].map((name) => col(name).find({}).toArray()),
  );
  return {
    participations: participations!,
    responses: responses!,
    responsesNatural: await col('responses').find({ roundId: round.id }).toArray(),
    participationsNatural: await col('participations').find({ roundId: round.id }).toArray(),
    jobs: jobs!,
    quotes: quotes!,
  };
}

/** Every moment a document holds: Date fields at any depth, and the creation time inside an ObjectId. */
function moments(doc: unknown, out: number[] = []): number[] {
  if (doc instanceof Date) out.push(doc.getTime());
  else if (doc instanceof ObjectId) out.push(doc.getTimestamp().getTime());
  else if (Array.isArray(doc)) for (const v of doc) moments(v, out);
  else if (doc && typeof doc === 'object') for (const v of Object.values(doc)) moments(v, out);
  return out;
}

/** A guess: platform user id → the respondentKey of the response the attacker names. */
type Guess = Map<string, string>;
const score = (guess: Guess) => [...guess].filter(([user, key]) => truth.get(user) === key).length;

/** Pairs two equally long-or-not lists by rank: the i-th person with the i-th response. */
function byRank(persons: Document[], responses: Document[]): Guess {
  const guess: Guess = new Map();
  persons.forEach((p, i) => {
    const r = responses[i];
    if (r) guess.set(p.platformUserId as string, r.respondentKey as string);
  });
  return guess;
}

const ofRound = (docs: Document[]) => docs.filter((d) => d.roundId === round.id);
const answered = (r: Document) => Array.isArray(r.submittedSections) && r.submittedSections.length > 0;
// Who may have answered, as far as the invitations tell: once that was "started" or "completed";
// now every delivered invitation (an earlier release's statuses are still recognised).
const active = (p: Document) => p.status === 'started' || p.status === 'completed' || p.status === 'delivered';
const responseClass = (r: Document) => (r.complete === true || r.completedAt ? 'complete' : answered(r) ? 'partial' : 'empty');
const personClass = (p: Document) => (p.status === 'completed' ? 'complete' : p.status === 'started' ? 'partial' : 'empty');

/** Orders by a field's value (Dates, ObjectIds, strings); documents without it go last. */
function sortBy(docs: Document[], value: (d: Document) => unknown): Document[] {
  const key = (d: Document) => {
    const v = value(d);
    if (v instanceof Date) return v.getTime();
    if (v instanceof ObjectId) return v.toHexString();
    return v as string | number | undefined;
  };
  return [...docs].sort((a, b) => {
    const x = key(a);
    const y = key(b);
    if (x === undefined) return y === undefined ? 0 : 1;
    if (y === undefined) return -1;
    return x < y ? -1 : x > y ? 1 : 0;
  });
}

/** Every way the attacker can order the people: by each time-like field, by id, as stored. */
function personOrders(raw: Raw, filter: (p: Document) => boolean): Document[][] {
  const ps = ofRound(raw.participations).filter(filter);
  const jobsOf = (user: string) => raw.jobs.filter((j) => j.payload?.platformUserId === user);
  const fields = ['_id', 'invitedAt', 'deliveredAt', 'startedAt', 'completedAt', 'updatedAt'];
  return [
    ...fields.map((f) => sortBy(ps, (p) => p[f])),
    raw.participationsNatural.filter(filter),
    // The person's last recorded moment anywhere (participation or a job naming them).
    sortBy(ps, (p) => Math.max(...moments(p), ...jobsOf(p.platformUserId as string).map((j) => Math.max(...moments(j))))),
  ];
}

function responseOrders(raw: Raw, filter: (r: Document) => boolean): Document[][] {
  const rs = ofRound(raw.responses).filter(filter);
  return [
    ...['_id', 'createdAt', 'updatedAt', 'completedAt'].map((f) => sortBy(rs, (r) => r[f])),
    raw.responsesNatural.filter(filter),
    sortBy(rs, (r) => BSON.calculateObjectSize(r)),
  ];
}

// ---------------------------------------------------------------- the strategies

const strategies: Record<string, (raw: Raw) => number> = {
  /** Each person's response is the one with a moment closest to any of the person's moments (issue #12: 13 of 13). */
  'nearest time stamp (participation and jobs vs response)': (raw) => {
    const responses = ofRound(raw.responses).map((r) => ({ key: r.respondentKey as string, at: moments(r) }));
    const guess: Guess = new Map();
    for (const p of ofRound(raw.participations)) {
      const user = p.platformUserId as string;
      const mine = [...moments({ ...p, invitedAt: undefined }), ...raw.jobs.filter((j) => j.payload?.platformUserId === user).flatMap((j) => moments(j))];
      let best: { key: string; d: number } | undefined;
      for (const r of responses) {
        for (const a of r.at) for (const b of mine) if (!best || Math.abs(a - b) < best.d) best = { key: r.key, d: Math.abs(a - b) };
      }
      // No moment on either side: nothing to go on.
      if (best) guess.set(user, best.key);
    }
    return score(guess);
  },

  /** ObjectIds (and any other time-like field) sorted, people who started sorted the same way, paired by rank. */
  'time-ordered ids and stamps, by rank': (raw) => {
    let best = 0;
    for (const ps of personOrders(raw, active)) for (const rs of responseOrders(raw, answered)) best = Math.max(best, score(byRank(ps, rs)));
    return best;
  },

  /** Response ids alone (an ObjectId is its creation second plus a counter), against every order of the people. */
  'response ids by rank (ObjectId order)': (raw) => {
    let best = 0;
    const byId = sortBy(ofRound(raw.responses).filter(answered), (r) => r._id);
    for (const ps of personOrders(raw, active)) best = Math.max(best, score(byRank(ps, byId)));
    return best;
  },

  /** The order responses were stored in (a dump's order) against every order of the people. */
  'natural (insertion) order': (raw) => {
    let best = 0;
    const natural = raw.responsesNatural;
    for (const ps of personOrders(raw, () => true)) best = Math.max(best, score(byRank(ps, natural)));
    for (const ps of personOrders(raw, active)) best = Math.max(best, score(byRank(ps, natural.filter(answered))));
    return best;
  },

  /** Completed people with complete responses, started with partial, the rest with empty ones. */
  'counts per status (pairing within classes)': (raw) => {
    const guess: Guess = new Map();
    for (const cls of ['complete', 'partial', 'empty']) {
      const ps = raw.participationsNatural.filter((p) => personClass(p) === cls);
      const rs = raw.responsesNatural.filter((r) => responseClass(r) === cls);
      for (const [user, key] of byRank(ps, rs)) guess.set(user, key);
    }
    return score(guess);
  },

  /** Bigger documents for people with more activity: both sides sorted by BSON size. */
  'document sizes': (raw) => {
    const ps = sortBy(ofRound(raw.participations), (p) => BSON.calculateObjectSize(p) * 100 + (p.remindersSent as number));
    const rs = sortBy(ofRound(raw.responses), (r) => BSON.calculateObjectSize(r));
    return Math.max(score(byRank(ps, rs)), score(byRank([...ps].reverse(), rs)));
  },

  /** Reminders went to people who had not finished yet: order people by their last reminder job. */
  'reminder and delivery jobs': (raw) => {
    const lastJob = (user: string) => Math.max(0, ...raw.jobs.filter((j) => j.payload?.platformUserId === user).flatMap((j) => moments(j)));
    const ps = sortBy(ofRound(raw.participations), (p) => lastJob(p.platformUserId as string));
    let best = 0;
    for (const rs of responseOrders(raw, () => true)) best = Math.max(best, score(byRank(ps, rs)), score(byRank([...ps].reverse(), rs)));
    return best;
  },
};

// ---------------------------------------------------------------- the round

const coordinatorOf = (w: World): Actor => ({ tenant: w.tenant, platformUserId: 'U-coord', lang: 'nl' });

function fieldsFor(section: string, rnd: () => number, person: number): Record<string, unknown> {
  const scale = () => 1 + Math.floor(rnd() * 6);
  if (section === 'reflection') {
    return { R1: `Reflectie van collega ${person}: ${'x'.repeat(Math.floor(rnd() * 60))}`, 'R2.career': '1', 'R2.learning': '2', 'R3.career.mine': `Rol ${person}` };
  }
  const statements = section === 'X' ? 3 : 2;
  return {
    [`${section}-global`]: scale(),
    ...Object.fromEntries(Array.from({ length: statements }, (_, i) => [`${section}-s${i + 1}`, scale()])),
    [`${section}-strengths`]: `Sterk punt ${section} volgens collega ${person}${'!'.repeat(Math.floor(rnd() * 40))}`,
    group: rnd() < 0.5 ? 'teacher' : 'care-team',
  };
}

beforeAll(async () => {
  const rnd = seededRandom(12);
  world = await createWorld({ settings: { coordinators: ['U-coord'] } });
  world.platform.members = [...users];
  const services: Services = createServices({ repos: world.repos, questionnaire: tinyQuestionnaire(), respondentSecret: SECRET, clock: world.clock, logger: silent, newId: () => 'r' }, {});
  round = await world.createRound({ moderation: true, closesAt: new Date(world.clock.now().getTime() + 12 * DAY), reminderHours: [72, 24] });
  for (const u of users) truth.set(u, respondentKey(SECRET, round.id, u));
  const scheduler = world.process('p1');
  await world.drain([scheduler], new Date(world.clock.now().getTime() + HOUR));

  // Who does what, and when: a shuffled plan, each step at its own moment over ten days.
  const plans = [...PLANS].sort(() => rnd() - 0.5);
  const steps: { at: number; user: string; person: number; action: 'section' | 'optOut'; section?: string }[] = [];
  const start = world.clock.now().getTime();
  users.forEach((user, person) => {
    const plan = plans[person]!;
    const sections = plan === 'complete' ? ['X', 'Y', 'reflection'] : plan === 'partial' ? ['X', 'Y'].slice(0, 1 + Math.floor(rnd() * 2)) : [];
    let at = start + Math.floor(rnd() * 8 * DAY);
    for (const section of sections) {
      steps.push({ at, user, person, action: 'section', section });
      at += Math.floor(rnd() * 30 * 60_000) + 1_000;
    }
    if (plan === 'optOut') steps.push({ at, user, person, action: 'optOut' });
  });
  steps.sort((a, b) => a.at - b.at);
  for (const step of steps) {
    await world.drain([scheduler], new Date(step.at));
    world.clock.set(new Date(step.at));
    const actor: Actor = { tenant: world.tenant, platformUserId: step.user, lang: 'nl' };
    if (step.action === 'optOut') await services.respondents.optOut(actor, round.id);
    else {
      await services.respondents.startOrContinue(actor, round.id);
      const outcome = await services.respondents.submitSection(actor, round.id, step.section!, fieldsFor(step.section!, rnd, step.person));
      if (!outcome.ok) throw new Error(`section ${step.section} refused: ${JSON.stringify(outcome.form.fields.filter((f) => f.error))}`);
    }
  }
  // Closing (reminders run on the way), moderation, publication.
  await world.drain([scheduler], new Date(round.closesAt.getTime() + HOUR));
  const coordinator = coordinatorOf(world);
  const queue = await world.repos.quotes.listByRound(round.id);
  for (const [i, quote] of queue.entries()) {
    const action = i % 5 === 0 ? { type: 'hide' as const } : i % 5 === 1 ? { type: 'edit' as const, text: 'Bewerkt door de coördinator.' } : { type: 'approve' as const };
    await services.coordinators.moderateQuote(coordinator, round.id, quote.id, action);
  }
  await services.coordinators.publish(coordinator, round.id);
  await world.drain([scheduler], new Date(world.clock.now().getTime() + HOUR));
}, 240_000);

afterAll(() => world?.close());

describe('a database copy without the secret links nobody to an answer', () => {
  it('the round ran as planned (so the strategies below have something to attack)', async () => {
    expect((await world.repos.rounds.get(round.id))!.state).toBe('published');
    // Who finished or started is not stored per person: 37 delivered invitations (24 finished,
    // 8 started, 5 never answered) and 3 declined ones; how far each got is in the responses only.
    const counts = await world.repos.participations.countByStatus(round.id);
    expect(counts).toEqual({ delivered: 37, opted_out: 3 });
    expect(await world.repos.responses.count(round.id)).toEqual({ started: 32, completed: 24 });
  });

  it.each(Object.keys(strategies))('%s links no more people than chance', async (name) => {
    const raw = await dump();
    const linked = strategies[name]!(raw);
    // LINKAGE_REPORT=1 prints each strategy's figure (for the README and reviews).
    if (process.env.LINKAGE_REPORT) process.stdout.write(`[linkage] ${name}: ${linked} of ${N}\n`);
    expect({ strategy: name, linked, ofPeople: N, chanceBound: CHANCE_BOUND }).toEqual({ strategy: name, linked: expect.any(Number), ofPeople: N, chanceBound: CHANCE_BOUND });
    expect(linked).toBeLessThanOrEqual(CHANCE_BOUND);
  });

  it('no invitation tells who finished or started: the same statuses and reminder counts for all who did not decline', async () => {
    const raw = await dump();
    const stillIn = ofRound(raw.participations).filter((p) => p.status !== 'opted_out');
    expect(new Set(stillIn.map((p) => p.status))).toEqual(new Set(['delivered']));
    expect(new Set(stillIn.map((p) => p.remindersSent))).toEqual(new Set([2]));
    // Every reminder round made a job for each of them, finished or not.
    for (const p of stillIn) expect(raw.jobs.filter((j) => j.kind === 'remind' && j.payload?.platformUserId === p.platformUserId)).toHaveLength(2);
  });

  it('no response holds a moment or a time-ordered id; no participation holds the moment of a status change', async () => {
    const raw = await dump();
    for (const r of ofRound(raw.responses)) expect(moments(r)).toEqual([]);
    for (const p of ofRound(raw.participations)) expect(new Set(moments(p))).toEqual(new Set([(p.invitedAt as Date).getTime()]));
  });

  it('no quote id can be recomputed from a respondent key', async () => {
    const raw = await dump();
    const derivable = new Set<string>();
    for (const r of ofRound(raw.responses)) {
      for (const itemId of ['X-strengths', 'X-priorities', 'Y-strengths', 'Y-priorities', 'R1']) {
        derivable.add(createHash('sha256').update([round.id, r.respondentKey, itemId].join('\u0000')).digest('hex'));
      }
      derivable.add(createHash('sha256').update([round.id, r.respondentKey, 'R3', 'career', 'mine'].join('\u0000')).digest('hex'));
    }
    const quotes = ofRound(raw.quotes);
    expect(quotes.length).toBeGreaterThan(20);
    expect(quotes.filter((q) => derivable.has(q._id as string))).toEqual([]);
    for (const q of quotes) expect(q._id).not.toBeInstanceOf(ObjectId);
  });
});
