import type { Clock, OnceRepository } from '../core/ports';
import type { Logger } from '../log';

const HOUR = 3_600_000;

/**
 * Makes the work that follows an accepted request (the confirmation DM after a new round, the
 * invitation's "Bewaard — 3 van 8" line, App Home) run once, however often Slack delivers the
 * request: a retry carrying X-Slack-Retry-Num, or a double click on a modal's submit button
 * (the same view id and hash).
 *
 * Only accepted outcomes are remembered, and the answer itself is never replayed: every copy of
 * a request is answered by running it again, which the core makes idempotent (a round's id is
 * derived from the view's id; saving the same section twice stores the same answers). So a form
 * Slack answered with `response_action: errors` — which keeps the modal's id AND hash — is
 * simply checked again when the person corrects it and submits.
 *
 * The keys live in MongoDB (a unique insert, forgotten by a TTL index), so a retry that lands
 * on another process is recognised too. Their expiry is rounded up to the hour: the stored time
 * says little about when someone answered.
 */
export class FollowUpGuard {
  constructor(
    private readonly once: Pick<OnceRepository, 'claim'>,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly keepMs = HOUR,
  ) {}

  /** True for the first accepted copy of the request named by `key`; false for every later one. */
  async first(key: string): Promise<boolean> {
    const now = this.clock.now().getTime();
    const expiresAt = new Date(Math.ceil(now / HOUR) * HOUR + this.keepMs);
    try {
      return await this.once.claim(`slack:${key}`, expiresAt);
    } catch (err) {
      // The database is unreachable: the follow-up would fail as well; skip it rather than repeat it later.
      this.logger.warn({ err }, 'could not record a follow-up key');
      return false;
    }
  }
}
