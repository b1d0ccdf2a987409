import type { AnswerValue } from './answers';
import type { Participation, ParticipationStatus } from './participation';
import type { ResponseRecord } from './response';
import type { Round, RoundState } from './round';
import type { Tenant, TenantSettings } from './tenant';
import type { ActionRepository } from './actions/ports';
import type { VoteRepository } from './vote/ports';
import type { SlotRequest, SlotWindow } from './pacing-slots';

/**
 * The storage ports the core's services use. src/store implements them on MongoDB; every
 * invariant rests on single-document atomicity and unique indexes (no transactions).
 * Implementations throw StoreUnavailableError (src/store/errors.ts) when the database cannot be
 * reached, so callers never tell a user something was saved when it was not.
 */

export interface TenantRepository {
  get(id: string): Promise<Tenant | null>;
  /**
   * The tenant as this process read or wrote it at most a moment ago (see ENSURE_TTL_MS), else
   * read now: for requests that need the school on every click and every answer.
   */
  getRecent(id: string): Promise<Tenant | null>;
  /** Creates the tenant with these settings if it does not exist yet; returns the stored one. */
  ensure(tenant: Omit<Tenant, 'createdAt' | 'updatedAt'>, now: Date): Promise<Tenant>;
  updateSettings(id: string, patch: Partial<TenantSettings>, now: Date): Promise<Tenant>;
  addCoordinator(id: string, platformUserId: string, now: Date): Promise<Tenant>;
  /** Gives the school the name people know it by. */
  rename(id: string, name: string, now: Date): Promise<Tenant>;
  /** Every school of a platform tenant (a Slack workspace, a Microsoft tenant), oldest first. */
  listByPlatformTenant(platform: Tenant['platform'], externalId: string): Promise<Tenant[]>;
  /**
   * Ties a school that is not tied to anything yet (no `schoolKey`, created since schools exist)
   * to `schoolKey`, atomically: of two callers at once only one wins. Returns the school when it is
   * now tied to `schoolKey` (by this call or an earlier one with the same key), else null.
   */
  claimSchoolKey(id: string, schoolKey: string, name: string | undefined, now: Date): Promise<Tenant | null>;
}

export interface RoundRepository {
  insert(round: Round): Promise<void>;
  get(id: string): Promise<Round | null>;
  listByTenant(tenantId: string, opts?: { states?: RoundState[]; limit?: number }): Promise<Round[]>;
  /**
   * Compare-and-set on the state: moves the round only if it is still in `from`, so two
   * processes closing the same round at once close it once. Returns the updated round or null.
   */
  transition(id: string, from: RoundState, to: RoundState, patch: Partial<Round>): Promise<Round | null>;
  /**
   * Records `batch` as the round's one set of quotes unless another batch was recorded first;
   * returns the batch that counts (see extractQuotesOnce).
   */
  claimQuoteBatch(id: string, batch: string): Promise<string>;
  /** Published and cancelled rounds whose raw answers are still stored (for the retention sweep). */
  listWithAnswersKept(): Promise<Round[]>;
  /** Records that the round's raw answers were deleted (RoundRepository never deletes a round). */
  /** Records the deletion, with the responses' counts just before it (Round.responseCounts). */
  markAnswersPurged(id: string, now: Date, responseCounts: { started: number; completed: number }): Promise<void>;
  /**
   * The latest published round of the school before `before`, for the trend; with
   * `dimensionIds`, the latest one that asked exactly those dimensions (in any order).
   */
  previousPublished(tenantId: string, before: Date, comparable?: { dimensionIds: readonly string[] }): Promise<Round | null>;
}

export interface ParticipationRepository {
  /** Inserts the invitations that do not exist yet (unique on round + user); returns how many were new. */
  invite(roundId: string, tenantId: string, platformUserIds: string[], now: Date): Promise<number>;
  get(roundId: string, platformUserId: string): Promise<Participation | null>;
  /** Moves the status forward only (see `advances`); returns the stored participation. */
  advance(roundId: string, platformUserId: string, to: ParticipationStatus, patch: Partial<Participation>, now: Date): Promise<Participation | null>;
  /**
   * The person answers: a pending, undeliverable or declined invitation becomes "delivered"
   * (REJOINS_FROM); a delivered one stays as it is. Never called for a delivery.
   */
  rejoin(roundId: string, platformUserId: string): Promise<void>;
  /** Records delivery details without changing a status that already moved on. */
  recordDelivery(roundId: string, platformUserId: string, patch: Pick<Participation, 'invitationMessageId' | 'conversationId'>, now: Date): Promise<void>;
  /** One more reminder round reached this invitation (see Participation.remindersSent). */
  incrementReminders(roundId: string, platformUserId: string, now: Date): Promise<void>;
  /** Remembers the person's chat language for this round's messages (no time stamp is touched). */
  setLanguage(roundId: string, platformUserId: string, lang: Participation['lang'] & string): Promise<void>;
  listByRound(roundId: string, opts?: { statuses?: ParticipationStatus[] }): Promise<Participation[]>;
  /** Open invitations of one person across rounds (for "continue" and App Home). */
  listByUser(tenantId: string, platformUserId: string): Promise<Participation[]>;
  countByStatus(roundId: string): Promise<Partial<Record<ParticipationStatus, number>>>;
  /** Undeliverable invitations with reasons, for the coordinator (no other status is listed). */
  listUndeliverable(roundId: string): Promise<Participation[]>;
}

/**
 * Responses store no time: the `now` the write methods take is for the port's symmetry only and
 * must never be written (a response stamp would match the participation's activity and name the
 * respondent; see README, "Anonymity").
 */
export interface ResponseRepository {
  /**
   * Creates the empty response of each respondent key that has none yet, in random order, with
   * random ids. Called at round opening for every invitee, so the collection's natural order and
   * the documents' existence say nothing about who answered when, or at all.
   */
  prepare(roundId: string, respondentKeys: string[]): Promise<void>;
  /**
   * One atomic upsert: `$set` of each given answer (null = `$unset`), keyed by
   * (roundId, respondentKey). Repeating the same call changes nothing; concurrent
   * calls for different items of one respondent never overwrite each other.
   */
  saveAnswers(roundId: string, respondentKey: string, answers: Record<string, AnswerValue | null>, now: Date): Promise<void>;
  /** Adds the section to submittedSections ($addToSet); sets `complete` when `complete` (never unsets it). */
  markSectionSubmitted(roundId: string, respondentKey: string, section: string, complete: boolean, now: Date): Promise<ResponseRecord>;
  setGroup(roundId: string, respondentKey: string, group: string | null, now: Date): Promise<void>;
  /**
   * One submitted section in one atomic upsert: saveAnswers, setGroup (when `group` is given;
   * null clears it) and the section added to submittedSections. Returns the stored response.
   * `complete` is set separately (markCompleted), once the caller knows every section is in.
   * Stores no time (`now` is not written).
   */
  saveSection(roundId: string, respondentKey: string, section: string, answers: Record<string, AnswerValue | null>, group: string | null | undefined, now: Date): Promise<ResponseRecord>;
  /** Sets `complete: true`; no time is stored. */
  markCompleted(roundId: string, respondentKey: string, now: Date): Promise<void>;
  /**
   * Sets `complete: false` again, only while the response is still in `group` (null: none): the
   * person switched to a group that is asked more than they answered. No time is stored.
   */
  markIncomplete(roundId: string, respondentKey: string, group: string | null): Promise<void>;
  get(roundId: string, respondentKey: string): Promise<ResponseRecord | null>;
  /**
   * Withdrawal: resets the one response document to its empty state (no answers, no submitted
   * sections, no group, no completedAt). The document itself stays, so the number of documents
   * and their natural order say nothing about who withdrew. No document: nothing to do.
   */
  erase(roundId: string, respondentKey: string, now: Date): Promise<void>;
  /** Every response of a round, for aggregation at closing. Never filtered by person. */
  listByRound(roundId: string): Promise<ResponseRecord[]>;
  /**
   * Every response of a round, one at a time, without holding them all (closing a large round);
   * a returned promise is awaited before the next. Same order as listByRound (by pseudonym).
   * Returns how many (prepared empty ones included).
   */
  forEachByRound(roundId: string, visit: (response: ResponseRecord) => void | Promise<void>): Promise<number>;
  /** Responses with at least one submitted section, and complete ones; erased ones count in neither. */
  count(roundId: string): Promise<{ started: number; completed: number }>;
  /** Removes these answers from every response of the round (the open answers at publication). */
  dropAnswers(roundId: string, itemIds: string[]): Promise<void>;
  /** Deletes every response of the round (retention); returns how many there were. */
  deleteByRound(roundId: string): Promise<number>;
}

export type JobKind =
  | 'open-round'
  | 'deliver-invitation'
  | 'send-reminders'
  | 'remind'
  | 'close-round'
  | 'publish-summary'
  | 'notify-coordinator'
  | 'purge-answers'
  | 'close-invitation'
  | 'announce-results'

  // Follow-up (issue #14): the priority vote and the action plan.
  | 'post-vote'
  | 'close-vote'
  | 'post-action-plan'
  | 'notify-action-owner';
export type JobStatus = 'pending' | 'running' | 'done' | 'failed';

export interface Job {
  id: string;
  kind: JobKind;
  /** Unique: enqueueing the same key twice yields one job (e.g. "deliver:<round>:<user>"). */
  key: string;
  tenantId: string;
  payload: Record<string, unknown>;
  status: JobStatus;
  runAt: Date;
  attempts: number;
  leaseOwner?: string;
  leaseUntil?: Date;
  lastError?: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface JobRepository {
  /** Idempotent on `key`: a second enqueue of the same key returns false and changes nothing. */
  enqueue(job: Pick<Job, 'kind' | 'key' | 'tenantId' | 'payload' | 'runAt'>, now: Date): Promise<boolean>;
  /**
   * Atomically claims the due job with the earliest runAt (pending, or running with an expired
   * lease), setting the lease; null when nothing is due.
   */
  claim(owner: string, now: Date, leaseMs: number, kinds?: JobKind[]): Promise<Job | null>;
  /**
   * Claims up to `limit` due jobs at once, earliest runAt first (expired leases first), each
   * exactly as `claim` would; a few round trips for the whole batch instead of two per job.
   */
  claimMany(owner: string, now: Date, leaseMs: number, limit: number, kinds?: JobKind[]): Promise<Job[]>;
  /** Marks a claimed job done; it keeps the moment it was claimed, not the one it ended (see the store). */
  complete(id: string, owner: string, now: Date): Promise<boolean>;
  /** Gives the job back for a later attempt (retry with backoff / retry-after / quiet hours). */
  release(id: string, owner: string, runAt: Date, error: string | undefined, now: Date, countAttempt: boolean): Promise<boolean>;
  fail(id: string, owner: string, error: string, now: Date): Promise<boolean>;
  extendLease(id: string, owner: string, leaseUntil: Date): Promise<boolean>;
  /** Cancels pending jobs of a round (cancel / early close). */
  cancelPending(filter: { roundId: string; kinds?: JobKind[] }, now: Date): Promise<number>;
  countByStatus(filter?: { roundId?: string }): Promise<Partial<Record<JobStatus, number>>>;
}

/** A platform installation (Slack OAuth install, Teams team/personal install). */
export interface InstallationRepository {
  save(platform: string, key: string, data: Record<string, unknown>, now: Date): Promise<void>;
  get(platform: string, key: string): Promise<Record<string, unknown> | null>;
  delete(platform: string, key: string): Promise<void>;
  list(platform: string, filter?: Record<string, unknown>): Promise<Record<string, unknown>[]>;
}

/**
 * An open answer copied out of the responses when a round closes, with nothing that points back
 * to its writer (no respondent key, no group, no time stamp of the answer), in a random order.
 */
export interface Quote {
  /** Random: never derived from the respondent key (see extractQuotes). */
  id: string;
  roundId: string;
  /** Which extraction made it; one batch per round is kept (see extractQuotesOnce). */
  batch?: string;
  itemId: string;
  /** Dimension id or "reflection". */
  section: string;
  /** For a role-grid answer (reflection question 4): the cell the text was written in. */
  cell?: { domain: string; role: string };
  /**
   * Role-grid cells only: the same value for every cell of one person's grid answer (random, drawn
   * at extraction, not derived from the respondent key), so screening can show that answer as one whole.
   */
  answerId?: string;
  text: string;
  /** The coordinator's edit (e.g. a name removed); shown instead of `text` when set. */
  editedText?: string;
  status: 'pending' | 'approved' | 'hidden';
  /** Theme ids from the success-factor and barrier list. */
  themes: string[];
  /**
   * Set at publication (settleQuotes): `edited` — `text` is the coordinator's edit and the
   * original is deleted; `textDeleted` — the quote was not published and its text is deleted.
   * The moderation decision (status, themes) stays.
   */
  edited?: boolean;
  textDeleted?: boolean;
  /** Random rank fixed at closing: the order quotes are listed in. */
  order: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface QuoteRepository {
  /** Idempotent on id: closing twice never duplicates a quote. */
  insertMany(quotes: Quote[]): Promise<void>;
  /** `batch`: only that extraction's quotes (a concurrent close may still be inserting its own). */
  listByRound(roundId: string, opts?: { statuses?: Quote['status'][]; batch?: string }): Promise<Quote[]>;
  get(id: string): Promise<Quote | null>;
  moderate(id: string, patch: Partial<Pick<Quote, 'status' | 'editedText' | 'themes'>>, now: Date): Promise<Quote | null>;
  /** Replaces the text for good and drops `editedText` (publication; see Quote.edited / textDeleted). */
  settleText(id: string, text: string, outcome: 'edited' | 'deleted'): Promise<void>;
  /** Deletes the round's quotes of every other batch (an interrupted or concurrent extraction's). */
  discardOtherBatches(roundId: string, batch: string): Promise<void>;
  /** Deletes the round's quotes from every section but these (sections too few people submitted). */
  keepOnlySections(roundId: string, sections: readonly string[]): Promise<void>;
  /** Approves the listed quotes of the round that are still pending (one updateMany); returns how many changed. */
  approvePending(roundId: string, ids: readonly string[], now: Date): Promise<number>;
}

/** The summary computed once at closing, stored so every later view shows the same figures. */
export interface SummaryRecord {
  roundId: string;
  tenantId: string;
  /** The summary model (src/core/summary); stored as a document. */
  summary: Record<string, unknown>;
  /** Unguessable token for the chart URL (Teams cards fetch the image over HTTPS). */
  chartToken: string;
  chartPng?: Buffer;
  computedAt: Date;
  publishedAt?: Date;
  /**
   * Where the overview was posted (channel and the message id the platform gave back), so the
   * results message can link to it. Ids only: no time of its own, no person.
   */
  post?: { conversationId: string; messageId: string };
}

export interface SummaryRepository {
  /** Inserts once; a second save for the same round keeps the first (the snapshot never changes). */
  saveOnce(record: SummaryRecord): Promise<SummaryRecord>;
  get(roundId: string): Promise<SummaryRecord | null>;
  getByChartToken(token: string): Promise<SummaryRecord | null>;
  /** Replaces the summary model (after moderation) while the round is not yet published. */
  update(roundId: string, patch: Partial<Pick<SummaryRecord, 'summary' | 'chartPng' | 'publishedAt' | 'post'>>): Promise<void>;
}

/**
 * A file offered for download for a short while (a Teams export), under an unguessable token. In
 * the database, not in one process's memory, so the link works whichever process serves it.
 */
export interface Download {
  token: string;
  filename: string;
  mime: string;
  data: Buffer;
  expiresAt: Date;
}

export interface DownloadRepository {
  save(download: Download): Promise<void>;
  /** The file while its link is valid; null once expired (a TTL index removes it soon after). */
  get(token: string, now: Date): Promise<Download | null>;
}

/**
 * Keys of one-off work already done (e.g. the confirmation message after a Slack view was
 * accepted), shared by every process and forgotten after `expiresAt` (a TTL index).
 */
export interface OnceRepository {
  /** Atomically records the key (a unique insert); true only for the first caller. */
  claim(key: string, expiresAt: Date): Promise<boolean>;
  /**
   * A lease on `key` for `owner` until `until`: true when the key is free, its lease has run out
   * (`now` past it, whether or not the TTL index has removed it yet) or it is this owner's already.
   */
  lease(key: string, owner: string, until: Date, now: Date): Promise<boolean>;
  /** Gives the owner's lease back before it runs out. */
  release(key: string, owner: string): Promise<void>;
}

/**
 * Send pacing shared by every process on the database: one GCRA state per key (a tenant, or a
 * conversation in it), booked atomically, forgotten once idle (a TTL index). See
 * src/core/pacing-slots.ts for the arithmetic.
 */
export interface PacingRepository {
  /** Books up to `request.count` slots on the key in one atomic update; returns what was booked. */
  claim(key: string, request: SlotRequest): Promise<SlotWindow>;
  /**
   * Books one slot at `request.now` on every key that has one free right then, all in one round
   * trip; false for a key that is busy (claim it on its own). For the many conversations of a fan-out.
   */
  claimIfFree(keys: string[], request: Omit<SlotRequest, 'count' | 'horizonMs'>): Promise<boolean[]>;
  /** Pauses the key until `until` (a 429's retry-after); returns the key's generation after it. */
  pause(key: string, until: number, now: number): Promise<number>;
}

/**
 * What a respondent typed in a section and paused on ("Later verder"), kept under the same
 * pseudonymous respondent key as the response, never a platform user id. Not an answer: it is
 * not counted, not validated and never aggregated. Flat form fields (field id → typed text).
 * It carries no time stamp of its own; `expiresAt` is the round's closing (a TTL index), and
 * closing deletes a round's drafts anyway.
 */
export interface DraftRepository {
  /** `merge` adds to the stored fields (pages of one section); `replace` stores exactly these. */
  save(roundId: string, respondentKey: string, section: string, fields: Record<string, string>, mode: 'merge' | 'replace', expiresAt: Date): Promise<Record<string, string>>;
  get(roundId: string, respondentKey: string, section: string): Promise<Record<string, string> | null>;
  /** Every draft of one respondent in one round, by section (one query, read alongside the round). */
  listByRespondent(roundId: string, respondentKey: string): Promise<Map<string, Record<string, string>>>;
  delete(roundId: string, respondentKey: string, section: string): Promise<void>;
  deleteByRound(roundId: string): Promise<number>;
}

export interface Repositories {
  tenants: TenantRepository;
  rounds: RoundRepository;
  participations: ParticipationRepository;
  responses: ResponseRepository;
  jobs: JobRepository;
  installations: InstallationRepository;
  quotes: QuoteRepository;
  summaries: SummaryRepository;
  downloads: DownloadRepository;
  once: OnceRepository;
  pacing: PacingRepository;
  drafts: DraftRepository;
  votes: VoteRepository;
  actions: ActionRepository;
}

/** Time is injected everywhere so scheduling and quiet hours are testable with a fake clock. */
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };
