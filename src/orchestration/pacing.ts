import type { PlatformLimits } from '../core/messenger';

/**
 * The sender paces itself to each platform's documented limits, so it rarely meets a 429 at all.
 *
 * The numbers are the platforms' documented limits; each adapter announces its own through
 * `Messenger.limits`, with the documentation cited beside them (SLACK_RATE_LIMITS in
 * src/slack/limits.ts, TEAMS_LIMITS in src/teams/messenger/limits.ts): Slack about one message per second per
 * conversation plus a workspace-wide rate; Teams 7 per second per conversation and 30–50
 * requests per second per app per tenant.
 *
 * The pacer is a pair of GCRA token buckets (the "virtual scheduling" form of a token bucket:
 * one timestamp per bucket) for every send: one per conversation and one per tenant. A send may
 * go at the first moment both buckets allow; that moment is booked in both at once. A 429's
 * retry-after pauses the whole tenant bucket — not only the job that met it — because the
 * platform throttles the app in the whole workspace, so every other send would meet it too.
 *
 * The pacer lives in one process. Two processes on one database each pace to the full limit, so
 * together they may exceed it; the 429s that follow pause both, and every job is retried, so this
 * costs speed, never a message.
 */
/**
 * How many sends may go back to back once a bucket has been idle. Half a second's worth for the
 * tenant: the platform's own bucket then always keeps some headroom for network jitter, which
 * would otherwise turn a send booked exactly on time into a 429. One per conversation.
 */
export function tenantBurst(limits: PlatformLimits): number {
  return Math.max(1, Math.floor(limits.perTenantPerSecond / 2));
}

/** One GCRA bucket: `tat` is the theoretical arrival time of the next send at the full rate. */
class Bucket {
  tat = 0;
  /** Bumped by a pause: bookings made before it are void. */
  generation = 0;
  pausedUntil = 0;
  constructor(
    private interval: number,
    private tolerance: number,
  ) {}

  configure(ratePerSecond: number, burst: number): void {
    this.interval = 1000 / Math.max(ratePerSecond, 1e-6);
    this.tolerance = (Math.max(1, burst) - 1) * this.interval;
  }

  earliest(now: number): number {
    return Math.max(now, this.tat - this.tolerance, this.pausedUntil);
  }

  book(at: number): void {
    this.tat = Math.max(this.tat, at) + this.interval;
  }

  /** Idle long enough that forgetting it changes nothing. */
  idle(now: number): boolean {
    return this.tat <= now && this.pausedUntil <= now;
  }
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
  /** The conversation's slot stays valid through a tenant pause; only the tenant part is re-booked. */
  conversationAt: number;
}

export class Pacer {
  private readonly tenants = new Map<string, Bucket>();
  private readonly conversations = new Map<string, Bucket>();
  private bookingsSinceSweep = 0;

  private tenant(scope: PaceScope): Bucket {
    let bucket = this.tenants.get(scope.tenantId);
    if (!bucket) {
      bucket = new Bucket(1, 0);
      this.tenants.set(scope.tenantId, bucket);
    }
    // Limits come from the messenger each time, so a changed limit applies at once.
    bucket.configure(scope.limits.perTenantPerSecond, tenantBurst(scope.limits));
    return bucket;
  }

  private conversation(scope: PaceScope): Bucket {
    const key = `${scope.tenantId}\u0000${scope.conversationId}`;
    let bucket = this.conversations.get(key);
    if (!bucket) {
      bucket = new Bucket(1, 0);
      this.conversations.set(key, bucket);
    }
    bucket.configure(scope.limits.perConversationPerSecond, 1);
    return bucket;
  }

  /** The first moment a send in this scope could go, without booking it. */
  earliest(scope: PaceScope, now: number): number {
    return Math.max(this.tenant(scope).earliest(now), this.conversation(scope).earliest(now));
  }

  /** Books the first moment both buckets allow. */
  book(scope: PaceScope, now: number): Booking {
    const tenant = this.tenant(scope);
    const conversation = this.conversation(scope);
    const at = Math.max(tenant.earliest(now), conversation.earliest(now));
    tenant.book(at);
    conversation.book(at);
    this.sweep(now);
    return { at, tenantId: scope.tenantId, generation: tenant.generation, conversationAt: at };
  }

  /** Books the tenant part again for a booking a pause made void; keeps its conversation slot. */
  rebook(scope: PaceScope, booking: Booking, now: number): Booking {
    const tenant = this.tenant(scope);
    const at = Math.max(tenant.earliest(now), booking.conversationAt);
    tenant.book(at);
    return { ...booking, at, generation: tenant.generation };
  }

  /** Whether the booking still holds (no pause since it was made). */
  valid(booking: Booking): boolean {
    const tenant = this.tenants.get(booking.tenantId);
    return !tenant || tenant.generation === booking.generation;
  }

  /**
   * The platform said "retry after": nothing goes to this tenant until then. The tenant bucket
   * counts as empty at the moment of the 429 and refills during the pause, the way the
   * platform's does, so the sends held back can go as a burst once the pause is over.
   */
  pause(tenantId: string, until: number, now: number): void {
    const tenant = this.tenants.get(tenantId);
    if (!tenant) {
      const fresh = new Bucket(1, 0);
      fresh.pausedUntil = until;
      fresh.tat = now;
      this.tenants.set(tenantId, fresh);
      return;
    }
    if (until <= tenant.pausedUntil) return;
    tenant.pausedUntil = until;
    tenant.tat = now;
    tenant.generation++;
  }

  pausedUntil(tenantId: string): number {
    return this.tenants.get(tenantId)?.pausedUntil ?? 0;
  }

  /** Forgets idle conversation buckets now and then; a fan-out touches thousands of them once. */
  private sweep(now: number): void {
    if (++this.bookingsSinceSweep < 1000) return;
    this.bookingsSinceSweep = 0;
    for (const [key, bucket] of this.conversations) if (bucket.idle(now)) this.conversations.delete(key);
  }
}
