import type { Messenger, MessageRef, OutboundMessage, PlatformLimits, SendOptions, SendResult } from '../../src/core/messenger';
import type { Audience } from '../../src/core/round';
import type { Platform, Tenant } from '../../src/core/tenant';
import { seededRandom } from '../../src/core/testing/seeded-random';

export interface SimulatedPlatformOptions {
  /** What the platform allows: Slack-like, 1/s per conversation, `perTenantPerSecond` for the app. */
  limits: PlatformLimits;
  /** Capacity of the app-wide bucket (Slack tolerates short bursts). */
  burst: number;
  /** Share of requests answered with an injected 429 regardless of the limits. */
  injected429Rate: number;
  retryAfterMs: number;
  /** Network latency range for every request, ms. */
  latencyMs: [number, number];
  seed: number;
  members: string[];
}

/**
 * A chat platform in real time with Slack's behaviour: token buckets per conversation and per
 * app, and after a 429 the app is throttled in the whole workspace until its retry-after has
 * passed (every request in between gets a 429 too). Injected 429s come on top.
 */
export class SimulatedPlatform implements Messenger {
  readonly platform: Platform = 'playground';
  readonly limits: PlatformLimits;
  readonly deliveries = new Map<string, number>();
  readonly stats = { requests: 0, ok: 0, limit429: 0, injected429: 0, penalty429: 0, firstAt: 0, lastAt: 0 };
  /** Every whole-app throttle (performance.now()): after an injected 429, or after one for exceeding the limit. */
  readonly throttles: Array<{ from: number; until: number; injected: boolean }> = [];
  /** When each accepted send arrived (performance.now()), for the busiest-second figure. */
  readonly acceptedAt: number[] = [];
  private readonly random: () => number;
  /**
   * The injected 429s draw from a stream of their own: on the latencies' stream, whether a
   * request drew at all depended on timing (one that meets a throttle draws nothing), so runs of
   * the same code met 2 to 8 throttles and the figure followed that count. Now every run
   * injects at the same accepted requests.
   */
  private readonly faults: () => number;
  private app = { tokens: 0, at: 0 };
  private readonly conversations = new Map<string, { tokens: number; at: number }>();
  private throttledUntil = 0;
  private nextId = 1;

  constructor(private readonly opts: SimulatedPlatformOptions) {
    this.limits = opts.limits;
    this.random = seededRandom(opts.seed + 1);
    this.faults = seededRandom(opts.seed);
    this.app = { tokens: opts.burst, at: performance.now() };
  }

  async resolveAudience(_tenant: Tenant, _audience: Audience): Promise<string[]> {
    return [...this.opts.members];
  }

  private latency(): Promise<void> {
    const [min, max] = this.opts.latencyMs;
    return new Promise((resolve) => setTimeout(resolve, min + (max - min) * this.random()));
  }

  private refill(bucket: { tokens: number; at: number }, rate: number, capacity: number, now: number): void {
    bucket.tokens = Math.min(capacity, bucket.tokens + ((now - bucket.at) / 1000) * rate);
    bucket.at = now;
  }

  async sendDirect(_tenant: Tenant, platformUserId: string, _message: OutboundMessage, _options?: SendOptions): Promise<SendResult> {
    await this.latency();
    const now = performance.now();
    this.stats.requests++;
    const throttled = (): SendResult => ({ ok: false, retryable: true, retryAfterMs: Math.max(1, Math.ceil(this.throttledUntil - now)), detail: 'ratelimited' });
    if (now < this.throttledUntil) {
      this.stats.penalty429++;
      return throttled();
    }
    this.refill(this.app, this.limits.perTenantPerSecond, this.opts.burst, now);
    const conversation = this.conversations.get(platformUserId) ?? { tokens: 1, at: now };
    this.refill(conversation, this.limits.perConversationPerSecond, 1, now);
    this.conversations.set(platformUserId, conversation);
    if (this.app.tokens < 1 || conversation.tokens < 1) {
      this.stats.limit429++;
      this.throttledUntil = now + this.opts.retryAfterMs;
      this.throttles.push({ from: now, until: this.throttledUntil, injected: false });
      return throttled();
    }
    if (this.faults() < this.opts.injected429Rate) {
      this.stats.injected429++;
      this.throttledUntil = now + this.opts.retryAfterMs;
      this.throttles.push({ from: now, until: this.throttledUntil, injected: true });
      return throttled();
    }
    this.app.tokens -= 1;
    conversation.tokens -= 1;
    this.stats.ok++;
    if (!this.stats.firstAt) this.stats.firstAt = now;
    this.stats.lastAt = now;
    this.acceptedAt.push(now);
    this.deliveries.set(platformUserId, (this.deliveries.get(platformUserId) ?? 0) + 1);
    return { ok: true, messageId: `m${this.nextId++}`, conversationId: `D-${platformUserId}` };
  }

  async updateMessage(_tenant: Tenant, ref: MessageRef): Promise<SendResult> {
    return { ok: true, ...ref };
  }

  async postToChannel(tenant: Tenant, channelId: string, message: OutboundMessage, options?: SendOptions): Promise<SendResult> {
    return this.sendDirect(tenant, channelId, message, options);
  }

  displayName(_tenant: Tenant, platformUserId: string): string {
    return platformUserId;
  }

  /** The injected throttles that began in [from, to], and how many ms of [from, to] they covered. */
  injectedThrottlesWithin(from: number, to: number): { count: number; ms: number } {
    const within = this.throttles.filter((t) => t.injected && t.from >= from && t.from <= to);
    let ms = 0;
    let coveredTo = from;
    for (const t of within) {
      const start = Math.max(t.from, coveredTo);
      const end = Math.min(t.until, to);
      if (end > start) ms += end - start;
      coveredTo = Math.max(coveredTo, end);
    }
    return { count: within.length, ms };
  }

  /** The most sends accepted in any one second. */
  busiestSecond(): number {
    let most = 0;
    for (let i = 0, j = 0; i < this.acceptedAt.length; i++) {
      while (this.acceptedAt[j]! <= this.acceptedAt[i]! - 1000) j++;
      most = Math.max(most, i - j + 1);
    }
    return most;
  }
}
