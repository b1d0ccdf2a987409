import type { Messenger, SendResult } from '../core/messenger';
import type { Tenant } from '../core/tenant';
import type { OrchestrationDeps } from './context';
import type { Booking, PaceScope } from './pacing';
import { outcome, type JobOutcome, type JobRun } from './types';

export type PacedSendResult = { type: 'sent'; result: SendResult } | { type: 'deferred'; outcome: JobOutcome };

/**
 * One send, paced: waits for the moment the pacer books (or gives the job back when that is far
 * away), renews the lease right before the send so a runner that lost its job never sends, and
 * turns a 429's retry-after into a pause of the whole tenant.
 */
export async function pacedSend(
  deps: OrchestrationDeps,
  run: JobRun,
  tenant: Tenant,
  messenger: Messenger,
  conversationId: string,
  send: () => Promise<SendResult>,
  /** Checked again after a pacing wait (quiet hours may have begun meanwhile): an outcome stops the send. */
  stillAllowed?: () => JobOutcome | undefined,
): Promise<PacedSendResult> {
  const { pacer, clock } = deps;
  const scope: PaceScope = { tenantId: tenant.id, conversationId, limits: messenger.limits };
  const earliest = pacer.earliest(scope, clock.now().getTime());
  if (earliest - clock.now().getTime() > deps.maxInlineWaitMs) {
    return { type: 'deferred', outcome: outcome.wait(new Date(earliest), 'pacing') };
  }
  let booking: Booking = pacer.book(scope, clock.now().getTime());
  for (;;) {
    const wait = booking.at - clock.now().getTime();
    if (wait > deps.maxInlineWaitMs) return { type: 'deferred', outcome: outcome.wait(new Date(booking.at), 'pacing') };
    if (wait > 0) await deps.sleep(wait);
    if (run.signal.aborted) return { type: 'deferred', outcome: outcome.lost() };
    // A 429 elsewhere paused the tenant while we waited: our slot is void, book again.
    if (pacer.valid(booking)) break;
    booking = pacer.rebook(scope, booking, clock.now().getTime());
  }
  if (!(await run.renewLease())) return { type: 'deferred', outcome: outcome.lost() };
  // Last, right before the send: nothing that takes time stands between this check and the send.
  const stop = stillAllowed?.();
  if (stop) return { type: 'deferred', outcome: stop };
  const result = await withTimeout(send(), deps.sendTimeoutMs);
  if (!result.ok && result.retryable && result.retryAfterMs !== undefined) {
    const now = clock.now().getTime();
    pacer.pause(tenant.id, now + result.retryAfterMs, now);
  }
  return { type: 'sent', result };
}

/**
 * A send that does not answer in time has an unknown outcome: the message may have arrived. It is
 * reported as retryable, and the retry carries the same idempotency key, so the adapter finds the
 * earlier message instead of sending a second one.
 */
async function withTimeout(send: Promise<SendResult>, ms: number): Promise<SendResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<SendResult>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, retryable: true, detail: `no answer from the platform within ${ms} ms` }), ms);
    timer.unref?.();
  });
  try {
    // An adapter should answer with a SendResult, but a throw is still "did not work this time".
    const answered = send.catch((e: unknown): SendResult => ({ ok: false, retryable: true, detail: e instanceof Error ? e.message : String(e) }));
    return await Promise.race([answered, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The job outcome for a failed send (success is the handler's business). */
export function failureOutcome(result: Extract<SendResult, { ok: false }>): JobOutcome {
  return result.retryable ? outcome.retry(result.detail, result.retryAfterMs) : outcome.fail(`${result.reason}: ${result.detail}`);
}
