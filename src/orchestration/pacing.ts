import { createHmac } from 'node:crypto';
import type { PlatformLimits } from '../core/messenger';
import { slotAt, type SlotWindow } from '../core/pacing-slots';
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
}

interface Waiter {
  bucket: Bucket;
  horizonMs: number;
  resolve(claim: { at: number; window: SlotWindow } | { later: number }): void;
  reject(e: unknown): void;
}

/** The sends waiting for a slot on one key, and whether a claim for them is on its way. */
interface KeyQueue {
  waiting: Waiter[];
  claiming: boolean;
}

export interface PacerOptions {
  /** Keys conversation ids (which name people, for DMs) so the stored key says nothing (RESPONDENT_KEY_SECRET). */
  keySecret: string;
  /** At most this many seconds' worth of a tenant's slots in one claim (default 0.5). */
  maxBatchSeconds?: number;
}

export class Pacer {
  private readonly queues = new Map<string, KeyQueue>();
  /** The newest pause generation seen per tenant: a booking of an older one is void. */
  private readonly generations = new Map<string, number>();
  private readonly maxBatchSeconds: number;

  constructor(
    private readonly store: PacingRepository,
    private readonly clock: Clock,
    private readonly options: PacerOptions,
  ) {
    this.maxBatchSeconds = options.maxBatchSeconds ?? 0.5;
  }

  /** The conversation's slot (one message per `perConversationPerSecond`); booked alone. */
  async claimConversation(scope: PaceScope, horizonMs: number): Promise<SlotClaim> {
    const key = `c:${createHmac('sha256', this.options.keySecret).update(`${scope.tenantId}\u0000${scope.conversationId}`).digest('base64url')}`;
    const got = await this.enqueue(key, { ratePerSecond: scope.limits.perConversationPerSecond, burst: 1 }, horizonMs);
    return 'later' in got ? { type: 'later', at: got.later } : { type: 'slot', booking: { at: got.at, tenantId: scope.tenantId, generation: 0 } };
  }

  /** The tenant's slot; claimed together with the other sends of this process waiting for one. */
  async claimTenant(scope: PaceScope, horizonMs: number): Promise<SlotClaim> {
    const got = await this.enqueue(tenantKey(scope.tenantId), { ratePerSecond: scope.limits.perTenantPerSecond, burst: tenantBurst(scope.limits) }, horizonMs);
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
    this.generations.set(tenantId, known);
    return known;
  }

  private enqueue(key: string, bucket: Bucket, horizonMs: number): Promise<{ at: number; window: SlotWindow } | { later: number }> {
    let queue = this.queues.get(key);
    if (!queue) this.queues.set(key, (queue = { waiting: [], claiming: false }));
    const q = queue;
    return new Promise((resolve, reject) => {
      q.waiting.push({ bucket, horizonMs, resolve, reject });
      void this.pump(key, q);
    });
  }

  /** One claim at a time per key; whoever queued meanwhile is booked by the next one, together. */
  private async pump(key: string, queue: KeyQueue): Promise<void> {
    if (queue.claiming) return;
    if (queue.waiting.length === 0) {
      this.queues.delete(key);
      return;
    }
    const { bucket, horizonMs } = queue.waiting[0]!;
    const maxBatch = Math.max(1, Math.floor(bucket.ratePerSecond * this.maxBatchSeconds));
    const batch = queue.waiting.splice(0, maxBatch);
    queue.claiming = true;
    try {
      const window = await this.store.claim(key, {
        count: batch.length,
        intervalMs: 1000 / Math.max(bucket.ratePerSecond, 1e-6),
        burst: bucket.burst,
        now: this.clock.now().getTime(),
        horizonMs,
      });
      batch.forEach((waiter, k) => waiter.resolve(k < window.granted ? { at: slotAt(window, k), window } : { later: window.first }));
    } catch (e) {
      for (const waiter of batch) waiter.reject(e);
    } finally {
      queue.claiming = false;
    }
    await this.pump(key, queue);
  }
}

function tenantKey(tenantId: string): string {
  return `t:${tenantId}`;
}
