import { createHmac } from 'node:crypto';
import type { PlatformLimits } from '../core/messenger';
import { laterAt, slotAt, type SlotWindow } from '../core/pacing-slots';
import type { Clock, PacingRepository } from '../core/ports';

/**
 * The sender paces itself to each platform's documented limits, so it rarely meets a 429 at all.
 *
 * The numbers are the platforms' documented limits; each adapter announces its own through
 * `Messenger.limits`, with the documentation cited beside them (SLACK_RATE_LIMITS in
 * src/slack/limits.ts, TEAMS_LIMITS in src/teams/messenger/limits.ts): Slack about one message per second per
 * conversation plus a workspace-wide rate; Teams 7 per second per conversation and 30–50
 * requests per second per app per tenant.
 *
 * Every send needs a slot in two GCRA buckets: its conversation's, then its tenant's. The buckets
 * live in MongoDB (the `pacing` collection, src/core/pacing-slots.ts for the arithmetic), so any
 * number of processes on one database together keep to the limits, not each of them. To keep the
 * round trips low at 100 sends a second, a process books its tenant slots in batches: the sends
 * that queue for a slot while one claim is on its way are booked together by the next claim.
 * A 429's retry-after pauses the whole tenant — in the database, so every process sees it at its
 * next claim — because the platform throttles the app in the whole workspace.
 */

/**
 * How many sends may go back to back once a bucket has been idle. Half a second's worth for the
 * tenant: the platform's own bucket then always keeps some headroom for network jitter, which
 * would otherwise turn a send booked exactly on time into a 429. One per conversation.
 */
export function tenantBurst(limits: PlatformLimits): number {
  return Math.max(1, Math.floor(limits.perTenantPerSecond / 2));
}

/**
 * How late after its tenant slot a send may still go (a slow round trip, a lagging event loop):
 * half the burst's headroom, at least one interval. A later one books again. The slots are booked
 * with that much less burst, so the sends themselves — each at most this late — keep to
 * rate × window + tenantBurst in every window (rate × window + 2 when tenantBurst is 1).
 */
function lateIntervals(limits: PlatformLimits): number {
  return Math.max(1, Math.floor((tenantBurst(limits) - 1) / 2));
}

export function lateAllowanceMs(limits: PlatformLimits): number {
  return (lateIntervals(limits) * 1000) / Math.max(limits.perTenantPerSecond, 1e-6);
}

/** The burst the tenant's slots are booked with: tenantBurst less the late allowance. */
export function tenantSlotBurst(limits: PlatformLimits): number {
  return Math.max(1, tenantBurst(limits) - lateIntervals(limits));
}

export interface PaceScope {
  tenantId: string;
  /** The conversation the message goes into (the user id for a DM, the channel id for a post). */
  conversationId: string;
  limits: PlatformLimits;
}

/** A booked moment to send at; void when the tenant was paused after it was booked. */
export interface Booking {
  at: number;
  tenantId: string;
  generation: number;
}

/** A slot (send at `at`), or none within the horizon (come back at `at`). */
export type SlotClaim = { type: 'slot'; booking: Booking } | { type: 'later'; at: number };

interface Bucket {
  ratePerSecond: number;
  burst: number;
  /** A reserved slot further past than this is dropped (lateAllowanceMs). */
  lateMs?: number;
}

interface Waiter {
  bucket: Bucket;
  horizonMs: number;
  resolve(claim: { at: number; window: SlotWindow } | { later: number }): void;
  reject(e: unknown): void;
}

interface ConversationWaiter {
  key: string;
  bucket: Bucket;
  /** The booked moment, or undefined when the conversation is busy. */
  resolve(at: number | undefined): void;
  reject(e: unknown): void;
}

/** The sends waiting for a slot on one key, and whether a claim for them is on its way. */
interface KeyQueue {
  waiting: Waiter[];
  claiming: boolean;
  /** Tenant keys only: slots booked ahead for the next sends, so most never wait for a round trip. */
  reserve: Array<{ at: number; window: SlotWindow }>;
  /** How many slots the last claim booked: the reserve is topped up by as many. */
  lastClaim: number;
}

export interface PacerOptions {
  /** Keys conversation ids (which name people, for DMs) so the stored key says nothing (RESPONDENT_KEY_SECRET). */
  keySecret: string;
  /**
   * At most this many seconds' worth of a tenant's slots in one claim (default 0.2): less than a
   * job's inline wait (DEFAULT_MAX_INLINE_WAIT_MS), so one process's slots booked ahead never push
   * the other processes' sends for that tenant beyond it (they would all be given back).
   */
  maxBatchSeconds?: number;
}

export class Pacer {
  private readonly queues = new Map<string, KeyQueue>();
  /** The newest pause generation seen per tenant: a booking of an older one is void. */
  private readonly generations = new Map<string, number>();
  private readonly maxBatchSeconds: number;
  /** Conversations to book at once if free (`claimIfFree`), one batch on its way at a time. */
  private readonly freeConversations: { waiting: ConversationWaiter[]; claiming: boolean } = { waiting: [], claiming: false };

  constructor(
    private readonly store: PacingRepository,
    private readonly clock: Clock,
    private readonly options: PacerOptions,
  ) {
    this.maxBatchSeconds = options.maxBatchSeconds ?? 0.2;
  }

  /**
   * The conversation's slot (one message per `perConversationPerSecond`). A fan-out sends into
   * thousands of conversations once each: the sends waiting meanwhile book theirs together, in
   * one round trip, when free at once; a busy conversation (a channel) is booked on its own.
   */
  async claimConversation(scope: PaceScope, horizonMs: number): Promise<SlotClaim> {
    const key = `c:${createHmac('sha256', this.options.keySecret).update(`pacing\u0000${scope.tenantId}\u0000${scope.conversationId}`).digest('base64url')}`;
    const bucket = { ratePerSecond: scope.limits.perConversationPerSecond, burst: 1 };
    const slot = (at: number): SlotClaim => ({ type: 'slot', booking: { at, tenantId: scope.tenantId, generation: 0 } });
    const free = await new Promise<number | undefined>((resolve, reject) => {
      this.freeConversations.waiting.push({ key, bucket, resolve, reject });
      void this.pumpFreeConversations();
    });
    if (free !== undefined) return slot(free);
    const got = await this.enqueue(key, bucket, horizonMs);
    return 'later' in got ? { type: 'later', at: got.later } : slot(got.at);
  }

  /** The tenant's slot; claimed together with the other sends of this process waiting for one. */
  async claimTenant(scope: PaceScope, horizonMs: number): Promise<SlotClaim> {
    const got = await this.enqueue(tenantKey(scope.tenantId), { ratePerSecond: scope.limits.perTenantPerSecond, burst: tenantSlotBurst(scope.limits), lateMs: lateAllowanceMs(scope.limits) }, horizonMs, scope.tenantId);
    if ('later' in got) return { type: 'later', at: got.later };
    const generation = this.noteGeneration(scope.tenantId, got.window.generation);
    return { type: 'slot', booking: { at: got.at, tenantId: scope.tenantId, generation } };
  }

  /** Whether the booking still holds (no pause seen since it was made). */
  valid(booking: Booking): boolean {
    return booking.generation >= (this.generations.get(booking.tenantId) ?? 0);
  }

  /**
   * The platform said "retry after": nothing goes to this tenant until then, from any process.
   * This process's bookings become void at once; other processes' at their next claim.
   */
  async pause(tenantId: string, until: number, now: number): Promise<void> {
    this.noteGeneration(tenantId, await this.store.pause(tenantKey(tenantId), until, now));
  }

  private noteGeneration(tenantId: string, generation: number): number {
    const known = Math.max(generation, this.generations.get(tenantId) ?? 0);
    // A pause voids the slots booked ahead, too.
    if (known > (this.generations.get(tenantId) ?? 0)) this.queues.get(tenantKey(tenantId))?.reserve.splice(0);
    this.generations.set(tenantId, known);
    return known;
  }

  private async pumpFreeConversations(): Promise<void> {
    const queue = this.freeConversations;
    if (queue.claiming || queue.waiting.length === 0) return;
    const { bucket } = queue.waiting[0]!;
    const batch: ConversationWaiter[] = [];
    const rest: ConversationWaiter[] = [];
    for (const waiter of queue.waiting) {
      const same = waiter.bucket.ratePerSecond === bucket.ratePerSecond && waiter.bucket.burst === bucket.burst;
      (same && batch.length < MAX_CONVERSATION_BATCH ? batch : rest).push(waiter);
    }
    queue.waiting = rest;
    queue.claiming = true;
    try {
      const now = this.clock.now().getTime();
      const booked = await this.store.claimIfFree(
        batch.map((w) => w.key),
        { intervalMs: 1000 / Math.max(bucket.ratePerSecond, 1e-6), burst: bucket.burst, now },
      );
      batch.forEach((waiter, i) => waiter.resolve(booked[i] ? now : undefined));
    } catch (e) {
      for (const waiter of batch) waiter.reject(e);
    } finally {
      queue.claiming = false;
    }
    await this.pumpFreeConversations();
  }

  /**
   * A slot on `key`. For a tenant (`tenantId` given) from the reserve when it holds one that is
   * still current; otherwise booked by the next claim, together with everyone queued meanwhile.
   */
  private enqueue(key: string, bucket: Bucket, horizonMs: number, tenantId?: string): Promise<{ at: number; window: SlotWindow } | { later: number }> {
    let queue = this.queues.get(key);
    if (!queue) this.queues.set(key, (queue = { waiting: [], claiming: false, reserve: [], lastClaim: 0 }));
    const q = queue;
    if (tenantId !== undefined) {
      const now = this.clock.now().getTime();
      const generation = this.generations.get(tenantId) ?? 0;
      // A slot past its late allowance is dropped, not used: late sends would bunch up with punctual ones.
      while (q.reserve.length && (q.reserve[0]!.at < now - (bucket.lateMs ?? 0) || q.reserve[0]!.window.generation < generation)) q.reserve.shift();
      const ahead = q.reserve.shift();
      if (ahead) {
        // Top up before the reserve runs dry, so the next sends find slots too.
        if (q.reserve.length < q.lastClaim / 2) void this.pump(key, q, tenantId, bucket, horizonMs);
        return Promise.resolve(ahead);
      }
    }
    return new Promise((resolve, reject) => {
      q.waiting.push({ bucket, horizonMs, resolve, reject });
      void this.pump(key, q, tenantId);
    });
  }

  /**
   * One claim at a time per key; whoever queued meanwhile is booked by the next one, together.
   * For a tenant the claim books as many again for the reserve (at most `maxBatchSeconds` worth).
   */
  private async pump(key: string, queue: KeyQueue, tenantId?: string, refill?: Bucket, refillHorizonMs?: number): Promise<void> {
    if (queue.claiming) return;
    if (queue.waiting.length === 0 && !refill) {
      if (queue.reserve.length === 0) this.queues.delete(key);
      return;
    }
    const bucket = queue.waiting[0]?.bucket ?? refill!;
    const horizonMs = queue.waiting[0]?.horizonMs ?? refillHorizonMs!;
    const maxBatch = Math.max(1, Math.floor(bucket.ratePerSecond * this.maxBatchSeconds));
    const batch = queue.waiting.splice(0, maxBatch);
    const count = tenantId === undefined ? batch.length : Math.min(maxBatch, Math.max(batch.length * 2, refill ? queue.lastClaim : 0, 1));
    queue.claiming = true;
    try {
      const window = await this.store.claim(key, {
        count,
        waiting: batch.length,
        intervalMs: 1000 / Math.max(bucket.ratePerSecond, 1e-6),
        burst: bucket.burst,
        now: this.clock.now().getTime(),
        horizonMs,
      });
      if (tenantId !== undefined) this.noteGeneration(tenantId, window.generation);
      queue.lastClaim = window.granted;
      // Those without a slot come back one interval apart, after the ones told "later" before them.
      batch.forEach((waiter, k) => waiter.resolve(k < window.granted ? { at: slotAt(window, k), window } : { later: laterAt(window, k) }));
      for (let k = batch.length; k < window.granted; k++) queue.reserve.push({ at: slotAt(window, k), window });
    } catch (e) {
      for (const waiter of batch) waiter.reject(e);
    } finally {
      queue.claiming = false;
    }
    await this.pump(key, queue, tenantId);
  }
}

/** Conversations booked in one round trip at most. */
const MAX_CONVERSATION_BATCH = 256;

function tenantKey(tenantId: string): string {
  return `t:${tenantId}`;
}
