import type { Messenger, SendResult } from '../core/messenger';
import type { Tenant } from '../core/tenant';
import type { OrchestrationDeps } from './context';
import { lateAllowanceMs, type PaceScope } from './pacing';
import { outcome, type JobOutcome, type JobRun } from './types';

export type PacedSendResult = { type: 'sent'; result: SendResult } | { type: 'deferred'; outcome: JobOutcome };

/**
 * One send, paced: books the conversation's slot, then the tenant's (shared with every process
 * through the database), waits for the booked moment — an absolute time, so timer drift never
 * adds up — or gives the job back when that is far away, renews the lease right before the send
 * so a runner that lost its job never sends, and turns a 429's retry-after into a pause of the
 * whole tenant.
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
  const waitUntil = async (at: number): Promise<boolean> => {
    const wait = at - clock.now().getTime();
    if (wait > 0) await deps.sleep(wait);
    return !run.signal.aborted;
  };
  const later = (at: number): PacedSendResult => ({ type: 'deferred', outcome: outcome.wait(new Date(at), 'pacing') });

  // The tenant's slot first: a job given back for lack of one has spent nothing else (a
  // conversation slot booked alongside would hold its conversation for a second, and the job's
  // return then spend a tenant slot on a "later"). A busy conversation (a channel, a post a second)
  // may still say "later" and leave the tenant slot unused: a little speed lost, which the
  // tenant's burst headroom absorbs.
  let slot = await pacer.claimTenant(scope, deps.maxInlineWaitMs);
  if (slot.type === 'later') return later(slot.at);
  const conversation = await pacer.claimConversation(scope, deps.maxInlineWaitMs);
  if (conversation.type === 'later') return later(conversation.at);
  for (;;) {
    if (slot.type === 'later') return later(slot.at);
    if (!(await waitUntil(Math.max(slot.booking.at, conversation.booking.at)))) return { type: 'deferred', outcome: outcome.lost() };
    // A 429 paused the tenant while we waited: our slot is void, book again.
    if (pacer.valid(slot.booking)) break;
    slot = await pacer.claimTenant(scope, deps.maxInlineWaitMs);
  }
  if (!(await run.renewLease())) return { type: 'deferred', outcome: outcome.lost() };
  // A send later than its slot would crowd the next slots' sends (arrivals above the rate), so a
  // slot missed by more than the allowance (a slow round trip, a lagging event loop) is void, as
  // is one a 429 voided meanwhile: book again.
  const late = lateAllowanceMs(messenger.limits);
  while (clock.now().getTime() - slot.booking.at > late || !pacer.valid(slot.booking)) {
    slot = await pacer.claimTenant(scope, deps.maxInlineWaitMs);
    if (slot.type === 'later') return later(slot.at);
    if (!(await waitUntil(slot.booking.at)) || !(await run.renewLease())) return { type: 'deferred', outcome: outcome.lost() };
  }
  // Last, right before the send: nothing that takes time stands between this check and the send.
  const stop = stillAllowed?.();
  if (stop) return { type: 'deferred', outcome: stop };
  const result = await withTimeout(send(), deps.sendTimeoutMs);
  if (!result.ok && result.retryable && result.retryAfterMs !== undefined) {
    const now = clock.now().getTime();
    try {
      await pacer.pause(tenant.id, now + result.retryAfterMs, now);
    } catch (e) {
      // The job is retried after the retry-after anyway; only the other sends may meet the throttle too.
      deps.logger.warn({ err: e, tenantId: tenant.id }, 'could not record a rate-limit pause');
    }
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
