/**
 * When to try a failed job again. Exponential backoff with jitter, so a platform outage that
 * fails a thousand deliveries at once does not bring them back in one thundering herd; a
 * platform's own retry-after always wins over our guess.
 */
export interface BackoffPolicy {
  /** Delay after the first failure. */
  baseMs: number;
  /** The delay never grows beyond this. */
  maxMs: number;
  /** Share of the delay that is random (0 = none, 1 = "full jitter"). */
  jitter: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 2_000, maxMs: 30 * 60_000, jitter: 0.5 };

/** Delay before attempt `failures + 1`, after `failures` (≥ 1) failed attempts. */
export function backoffDelay(failures: number, policy: BackoffPolicy = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const exponent = Math.max(0, Math.min(failures - 1, 30));
  const delay = Math.min(policy.maxMs, policy.baseMs * 2 ** exponent);
  const jitter = Math.max(0, Math.min(1, policy.jitter));
  return Math.round(delay * (1 - jitter) + delay * jitter * random());
}

/**
 * Honours a platform's retry-after exactly, plus a little spread (at most 10 %, at most 1 s) so
 * the jobs that were all told "retry after 30 s" do not all come back in the same millisecond.
 */
export function retryAfterDelay(retryAfterMs: number, random: () => number = Math.random): number {
  const base = Math.max(0, retryAfterMs);
  return Math.round(base + Math.min(1_000, base * 0.1) * random());
}
