import type { Messenger, MessageRef, OutboundMessage, PermanentFailureReason, PlatformLimits, SendOptions, SendResult } from '../../src/core/messenger';
import type { Clock } from '../../src/core/ports';
import type { Audience } from '../../src/core/round';
import type { Platform, Tenant } from '../../src/core/tenant';
import { seededRandom } from '../../src/core/testing/seeded-random';

/** A message the simulated platform accepted (what a person actually sees). */
export interface Delivered {
  to: string;
  channel: boolean;
  message: OutboundMessage;
  idempotencyKey?: string;
  messageId: string;
  at: number;
  /** Which messenger instance (which "process") sent it. */
  via: string;
}

export interface PlatformOptions {
  clock: Clock;
  seed?: number;
  /** Limits the platform enforces; a send over them gets a 429 with retry-after. */
  enforced?: PlatformLimits;
  /** Share of sends that fail with a retryable error (half with a retry-after). */
  retryableRate?: number;
  /** Share of people who cannot be reached at all (the same people on every attempt). */
  permanentRate?: number;
  /** Whether the platform side honours idempotency keys (the adapter's look-up; see README). */
  honoursIdempotency?: boolean;
  retryAfterMs?: number;
  /** People who cannot be reached, with the reason (besides the random ones). */
  unreachable?: Record<string, PermanentFailureReason>;
  /** People the injected failures never hit (e.g. the coordinator). */
  reliable?: string[];
}

interface Bucket {
  tokens: number;
  at: number;
}

type Hang = { userId: string; deliverFirst: boolean; started: () => void; release?: () => void };

/**
 * The simulated chat platform several fake messengers (several "processes") talk to. It enforces
 * per-conversation and per-tenant rate limits with token buckets on the shared clock, injects
 * retryable and permanent failures with a seeded PRNG, remembers idempotency keys when told to,
 * and can hang a send (before or after accepting the message) to simulate a crash mid-delivery.
 */
export class FakePlatform {
  readonly delivered: Delivered[] = [];
  readonly attempts: { to: string; at: number; outcome: 'ok' | '429' | 'retryable' | 'permanent' | 'deduplicated' }[] = [];
  rateLimited = 0;
  members: string[] = [];
  audienceCalls = 0;
  private readonly random: () => number;
  private readonly unreachable = new Map<string, PermanentFailureReason | null>();
  private readonly byKey = new Map<string, SendResult>();
  private readonly buckets = new Map<string, Bucket>();
  private readonly hangs: Hang[] = [];
  private nextId = 1;
  failuresOn = true;

  constructor(readonly opts: PlatformOptions) {
    this.random = seededRandom(opts.seed ?? 1);
  }

  /** The next send to this user hangs; with deliverFirst the platform accepts the message first. */
  hang(userId: string, deliverFirst: boolean): { started: Promise<void>; release: () => void } {
    let started!: () => void;
    const startedPromise = new Promise<void>((r) => (started = r));
    const hang: Hang = { userId, deliverFirst, started };
    this.hangs.push(hang);
    return { started: startedPromise, release: () => hang.release?.() };
  }

  count(to: string, kind?: OutboundMessage['kind']): number {
    return this.delivered.filter((d) => d.to === to && (!kind || d.message.kind === kind)).length;
  }

  messagesTo(to: string, kind?: OutboundMessage['kind']): Delivered[] {
    return this.delivered.filter((d) => d.to === to && (!kind || d.message.kind === kind));
  }

  /** Slack-like: everyone over the limit gets a 429 and retry-after; tokens refill continuously. */
  private take(key: string, ratePerSecond: number, burst: number, now: number): boolean {
    const bucket = this.buckets.get(key) ?? { tokens: burst, at: now };
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * ratePerSecond);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  private reasonFor(to: string): PermanentFailureReason | null {
    const fixed = this.opts.unreachable?.[to];
    if (fixed) return fixed;
    if (!this.unreachable.has(to)) {
      const rate = this.opts.permanentRate ?? 0;
      const reasons: PermanentFailureReason[] = ['user_left', 'bot_blocked', 'not_installed'];
      this.unreachable.set(to, this.random() < rate ? reasons[Math.floor(this.random() * reasons.length)]! : null);
    }
    return this.unreachable.get(to) ?? null;
  }

  async send(tenant: Tenant, to: string, channel: boolean, message: OutboundMessage, options: SendOptions | undefined, via: string): Promise<SendResult> {
    await Promise.resolve();
    const now = this.opts.clock.now().getTime();
    const key = options?.idempotencyKey;
    if (key && this.opts.honoursIdempotency && this.byKey.has(key)) {
      this.attempts.push({ to, at: now, outcome: 'deduplicated' });
      return this.byKey.get(key)!;
    }
    const hangIndex = this.hangs.findIndex((h) => h.userId === to);
    if (hangIndex >= 0) {
      const [hang] = this.hangs.splice(hangIndex, 1);
      if (hang!.deliverFirst) this.accept(tenant, to, channel, message, key, now, via);
      hang!.started();
      // Never answers (until released, and then too late: the process is "dead").
      return new Promise<SendResult>((resolve) => (hang!.release = () => resolve({ ok: false, retryable: true, detail: 'released hang' })));
    }
    const enforced = this.opts.enforced;
    if (enforced) {
      const tenantOk = this.take(`t:${tenant.id}`, enforced.perTenantPerSecond, Math.max(1, enforced.perTenantPerSecond), now);
      const conversationOk = tenantOk && this.take(`c:${tenant.id}:${to}`, enforced.perConversationPerSecond, 1, now);
      if (!tenantOk || !conversationOk) {
        this.rateLimited++;
        this.attempts.push({ to, at: now, outcome: '429' });
        return { ok: false, retryable: true, retryAfterMs: this.opts.retryAfterMs ?? 1_000, detail: 'ratelimited' };
      }
    }
    const reliable = channel || (this.opts.reliable ?? []).includes(to);
    if (!reliable) {
      const reason = this.reasonFor(to);
      if (reason) {
        this.attempts.push({ to, at: now, outcome: 'permanent' });
        return { ok: false, retryable: false, reason, detail: reason };
      }
    }
    if (!reliable && this.failuresOn && this.random() < (this.opts.retryableRate ?? 0)) {
      this.attempts.push({ to, at: now, outcome: 'retryable' });
      // Half the injected failures come with a retry-after (a 429), half without (a 5xx).
      return this.random() < 0.5
        ? (this.rateLimited++, { ok: false, retryable: true, retryAfterMs: this.opts.retryAfterMs ?? 1_000, detail: 'injected 429' })
        : { ok: false, retryable: true, detail: 'injected 503' };
    }
    this.attempts.push({ to, at: now, outcome: 'ok' });
    return this.accept(tenant, to, channel, message, key, now, via);
  }

  private accept(_tenant: Tenant, to: string, channel: boolean, message: OutboundMessage, key: string | undefined, now: number, via: string): SendResult {
    const messageId = `m${this.nextId++}`;
    this.delivered.push({ to, channel, message, idempotencyKey: key, messageId, at: now, via });
    const result: SendResult = { ok: true, messageId, conversationId: channel ? to : `D-${to}` };
    if (key) this.byKey.set(key, result);
    return result;
  }
}

/** One process's messenger onto the shared fake platform. */
export class FakeMessenger implements Messenger {
  readonly platform: Platform = 'playground';
  constructor(
    private readonly fake: FakePlatform,
    readonly limits: PlatformLimits,
    readonly name = 'fake',
  ) {}
  async resolveAudience(_tenant: Tenant, _audience: Audience): Promise<string[]> {
    this.fake.audienceCalls++;
    return [...this.fake.members];
  }
  sendDirect(tenant: Tenant, platformUserId: string, message: OutboundMessage, options?: SendOptions): Promise<SendResult> {
    return this.fake.send(tenant, platformUserId, false, message, options, this.name);
  }
  async updateMessage(_tenant: Tenant, ref: MessageRef): Promise<SendResult> {
    return { ok: true, messageId: ref.messageId, conversationId: ref.conversationId };
  }
  postToChannel(tenant: Tenant, channelId: string, message: OutboundMessage, options?: SendOptions): Promise<SendResult> {
    return this.fake.send(tenant, channelId, true, message, options, this.name);
  }
  displayName(_tenant: Tenant, platformUserId: string): string {
    return `@${platformUserId}`;
  }
}
