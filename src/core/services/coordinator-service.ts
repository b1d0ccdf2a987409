import { createHash, randomUUID } from 'node:crypto';
import { SurveyError } from '../errors';
import { closeInvitationJobs, planRoundJobs } from '../round-plan';
import { assertTransition, createRound, MAX_REMINDERS, type Round, type RoundInput } from '../round';
import { assertCoordinator, validateThreshold, type Tenant, type TenantSettings } from '../tenant';
import { buildRoundStatus } from '../views/round-status';
import type { ModerationView, QuoteView, RoundStatusView } from '../views/types';
import { buildModeration, buildQuoteView } from '../views/moderation';
import { approveQuote, approveQuotes, editQuote, hideQuote, tagQuote } from '../summary/moderation';
import type { RoundSummary } from '../summary/model';
import { withModeratedQuotes } from '../summary/refresh-quotes';
import { REMINDABLE } from '../participation';
import { inviteeProgress } from '../invitee-progress';
import { roundProgress } from '../round-progress';
import { nextAllowedMoment } from '../quiet-hours';
import { buildRemindNow, type RemindNowView } from '../views/remind-now';
import { actionPlanTable, buildCsv, buildWorkbook, exportNote, SHEET_IDS, tableCsv, type SheetId } from '../../render/export';
import type { Actor, ServiceDeps } from './deps';

export type QuoteAction = { type: 'approve' } | { type: 'hide' } | { type: 'edit'; text: string } | { type: 'tag'; themes: string[] };

export type SettingsPatch = Partial<Pick<TenantSettings, 'teamChannel' | 'coordinators' | 'language' | 'anonymityThreshold' | 'timeZone' | 'quietHours' | 'retentionMonths'>>;

/** How long a workspace may keep raw answers after publication: at least a month, at most ten years. */
export const RETENTION_MONTHS = { min: 1, max: 120 } as const;

/**
 * What a coordinator can do. Every method checks the coordinator rule first, and every state
 * change goes through the round's state machine; the slow parts (inviting, closing, publishing)
 * are durable jobs the scheduler runs.
 */
export class CoordinatorService {
  constructor(
    private readonly deps: ServiceDeps,
    /** How adapters name a user in the "who are the coordinators" refusal. */
    private readonly describeUser: (tenant: Tenant, platformUserId: string) => string = (_t, id) => id,
  ) {}

  assertCoordinator(actor: Actor): void {
    assertCoordinator(actor.tenant.settings, actor.platformUserId, (id) => this.describeUser(actor.tenant, id));
  }

  private async round(actor: Actor, roundId: string): Promise<Round> {
    const round = await this.deps.repos.rounds.get(roundId);
    if (!round || round.tenantId !== actor.tenant.id) throw new SurveyError('round_not_found');
    return round;
  }

  private async enqueue(specs: ReturnType<typeof planRoundJobs>): Promise<void> {
    const now = this.deps.clock.now();
    for (const spec of specs) await this.deps.repos.jobs.enqueue(spec, now);
    this.deps.wakeScheduler?.();
  }

  /**
   * Creates the round and plans its jobs; it opens (and invitations go out) at `opensAt`.
   * `requestKey` names the request that asked for it (Slack's view id, the Teams form's submission
   * id): the same key always yields the same round, so a retried or double-clicked submission
   * creates one round — across restarts and processes too, because the id is derived from it.
   */
  async createRound(actor: Actor, input: Omit<RoundInput, 'language'> & { language?: RoundInput['language'] }, opts: { requestKey?: string } = {}): Promise<Round> {
    this.assertCoordinator(actor);
    const now = this.deps.clock.now();
    const id = opts.requestKey
      ? `r-${createHash('sha256').update(`${actor.tenant.id}\u0000${opts.requestKey}`).digest('base64url').slice(0, 22)}`
      : (this.deps.newId ?? randomUUID)();
    const existing = opts.requestKey ? await this.deps.repos.rounds.get(id) : null;
    if (existing) {
      // The first attempt may have stored the round and then failed (or the process died) before
      // planning all its jobs, and told the coordinator so: the retry plans them. Job keys are
      // deterministic, so what is planned already is not planned twice.
      if (existing.state === 'scheduled' || existing.state === 'open') await this.enqueue(planRoundJobs(existing));
      return existing;
    }
    const draft = createRound(
      { ...input, language: input.language ?? actor.tenant.settings.language },
      {
        id,
        tenantId: actor.tenant.id,
        questionnaire: this.deps.questionnaire,
        anonymityThreshold: actor.tenant.settings.anonymityThreshold,
        createdBy: actor.platformUserId,
        now,
      },
    );
    assertTransition(draft.state, 'scheduled');
    const round: Round = { ...draft, state: 'scheduled' };
    // insert ignores a duplicate id (a concurrent twin of this request); the job keys are
    // deterministic, so planning twice enqueues nothing new either.
    await this.deps.repos.rounds.insert(round);
    await this.enqueue(planRoundJobs(round));
    this.deps.logger.info({ roundId: round.id, tenantId: round.tenantId }, 'round created');
    return round;
  }

  async listRounds(actor: Actor, limit = 10): Promise<Round[]> {
    this.assertCoordinator(actor);
    return this.deps.repos.rounds.listByTenant(actor.tenant.id, { limit });
  }

  /** Delivery and response counts per round; never who answered. */
  async status(actor: Actor, roundId?: string): Promise<RoundStatusView[]> {
    this.assertCoordinator(actor);
    const rounds = roundId ? [await this.round(actor, roundId)] : await this.deps.repos.rounds.listByTenant(actor.tenant.id, { limit: 5 });
    const views: RoundStatusView[] = [];
    for (const round of rounds) {
      const progress = await roundProgress(this.deps.repos, round);
      const undeliverable = await this.deps.repos.participations.listUndeliverable(round.id);
      views.push(buildRoundStatus(round, progress, undeliverable, actor.lang, actor.tenant.settings.timeZone, { hasTeamChannel: Boolean(actor.tenant.settings.teamChannel), quietHours: actor.tenant.settings.quietHours }));
    }
    return views;
  }

  /**
   * An extra reminder now, to those who have not finished. A double click within a minute sends
   * one. Says what will happen: how many get one (nobody past MAX_REMINDERS) and when (the
   * school's hours for messages).
   */
  async remindNow(actor: Actor, roundId: string): Promise<RemindNowView> {
    this.assertCoordinator(actor);
    const round = await this.round(actor, roundId);
    if (round.state !== 'open') throw new SurveyError('round_not_open');
    const now = this.deps.clock.now();
    const minute = now.toISOString().slice(0, 16);
    await this.enqueue([{ kind: 'send-reminders', key: `reminders:${round.id}:manual:${minute}`, tenantId: round.tenantId, payload: { roundId: round.id, manual: true }, runAt: now }]);
    const invitees = await this.deps.repos.participations.listByRound(round.id, { statuses: [...REMINDABLE] });
    const unfinished = (await inviteeProgress(this.deps.repos, this.deps.respondentSecret, round.id, invitees)).filter((p) => !p.complete).map((p) => p.participation);
    const { quietHours, timeZone } = actor.tenant.settings;
    return buildRemindNow(
      round,
      { unfinished: unfinished.length, due: unfinished.filter((p) => p.remindersSent < MAX_REMINDERS).length, sendsAt: nextAllowedMoment(now, quietHours, timeZone), now },
      actor.lang,
      timeZone,
    );
  }

  /** Closes the round now instead of at its closing time. */
  async closeNow(actor: Actor, roundId: string): Promise<void> {
    this.assertCoordinator(actor);
    const round = await this.round(actor, roundId);
    assertTransition(round.state, 'closed');
    await this.enqueue([{ kind: 'close-round', key: `close:${round.id}:now`, tenantId: round.tenantId, payload: { roundId: round.id }, runAt: this.deps.clock.now() }]);
  }

  /**
   * Publishes the (moderated) summary to the team channel. Open answers nobody screened are not
   * shared; with moderation on, publishing while some are still pending needs `unscreened` to be
   * exactly their number — the coordinator confirmed what will be left out, not some older count.
   */
  async publish(actor: Actor, roundId: string, opts: { unscreened?: number } = {}): Promise<void> {
    this.assertCoordinator(actor);
    const round = await this.round(actor, roundId);
    assertTransition(round.state, 'published');
    if (!actor.tenant.settings.teamChannel) throw new SurveyError('invalid_round', { reason: 'no_team_channel' }, 'teamChannel');
    if (round.moderation) {
      const pending = (await this.deps.repos.quotes.listByRound(round.id, { statuses: ['pending'] })).length;
      if (pending > 0 && opts.unscreened !== pending) throw new SurveyError('unscreened_answers', { count: pending });
    }
    // Keyed per minute: a double click publishes once, yet "publish again" after a failed
    // attempt (say the bot was not in the channel yet) really tries again.
    const now = this.deps.clock.now();
    const minute = now.toISOString().slice(0, 16);
    await this.enqueue([{ kind: 'publish-summary', key: `publish:${round.id}:${minute}`, tenantId: round.tenantId, payload: { roundId: round.id }, runAt: now }]);
  }

  async cancel(actor: Actor, roundId: string): Promise<Round> {
    this.assertCoordinator(actor);
    const round = await this.round(actor, roundId);
    assertTransition(round.state, 'cancelled');
    const now = this.deps.clock.now();
    const updated = await this.deps.repos.rounds.transition(round.id, round.state, 'cancelled', { cancelledAt: now });
    if (!updated) throw new SurveyError('illegal_transition', { from: round.state, to: 'cancelled' });
    await this.deps.repos.jobs.cancelPending({ roundId: round.id }, now);
    await this.deps.repos.drafts.deleteByRound(round.id);
    await this.enqueue(closeInvitationJobs(updated, await this.deps.repos.participations.listByRound(round.id), now));
    return updated;
  }

  async updateSettings(actor: Actor, patch: SettingsPatch): Promise<Tenant> {
    this.assertCoordinator(actor);
    if (patch.anonymityThreshold !== undefined) validateThreshold(patch.anonymityThreshold);
    const months = patch.retentionMonths;
    if (months !== undefined && (!Number.isInteger(months) || months < RETENTION_MONTHS.min || months > RETENTION_MONTHS.max)) {
      throw new SurveyError('retention_out_of_range', { ...RETENTION_MONTHS }, 'retentionMonths');
    }
    if (patch.coordinators && patch.coordinators.length === 0) throw new SurveyError('invalid_round', { reason: 'no_coordinator' }, 'coordinators');
    return this.deps.repos.tenants.updateSettings(actor.tenant.id, patch, this.deps.clock.now());
  }

  /** Names the school (a workspace holding several schools shows it on every invitation); 1–80 characters. */
  async renameSchool(actor: Actor, name: string): Promise<Tenant> {
    this.assertCoordinator(actor);
    const trimmed = name.replace(/\s+/g, ' ').trim();
    if (!trimmed || trimmed.length > 80) throw new SurveyError('invalid_round', { reason: 'school_name' }, 'name');
    return this.deps.repos.tenants.rename(actor.tenant.id, trimmed, this.deps.clock.now());
  }

  /** Answers stay out of sight while a round runs; afterwards only aggregates and screened quotes. */
  private async closedRound(actor: Actor, roundId: string): Promise<Round> {
    this.assertCoordinator(actor);
    const round = await this.round(actor, roundId);
    if (round.state !== 'closed' && round.state !== 'published') throw new SurveyError('round_still_open');
    return round;
  }

  /** The moderation queue: every open answer of the round, without anything that identifies its writer. */
  async moderation(actor: Actor, roundId: string): Promise<ModerationView> {
    const round = await this.closedRound(actor, roundId);
    return buildModeration(round, await this.deps.repos.quotes.listByRound(round.id), actor.lang);
  }

  async moderateQuote(actor: Actor, roundId: string, quoteId: string, action: QuoteAction): Promise<QuoteView> {
    const round = await this.closedRound(actor, roundId);
    const { quotes } = this.deps.repos;
    const now = this.deps.clock.now();
    const quote =
      action.type === 'approve'
        ? await approveQuote(quotes, round, quoteId, now)
        : action.type === 'hide'
          ? await hideQuote(quotes, round, quoteId, now)
          : action.type === 'edit'
            ? await editQuote(quotes, round, quoteId, action.text, now)
            : await tagQuote(quotes, round, quoteId, action.themes, now);
    await this.refreshSummaryQuotes(round);
    return buildQuoteView(round, quote, actor.lang);
  }

  /** Approves the answers the coordinator just read (a page of the screening view) in one action. */
  async approveQuotes(actor: Actor, roundId: string, quoteIds: readonly string[]): Promise<number> {
    const round = await this.closedRound(actor, roundId);
    const approved = await approveQuotes(this.deps.repos.quotes, round, quoteIds, this.deps.clock.now());
    if (approved > 0) await this.refreshSummaryQuotes(round);
    return approved;
  }

  /** Open answers still waiting to be screened (what publishing would leave out). */
  async unscreenedCount(actor: Actor, roundId: string): Promise<number> {
    const round = await this.closedRound(actor, roundId);
    if (!round.moderation) return 0;
    return (await this.deps.repos.quotes.listByRound(round.id, { statuses: ['pending'] })).length;
  }

  /** Keeps the stored (not yet published) summary's quotes in step with moderation; figures never change. */
  private async refreshSummaryQuotes(round: Round): Promise<void> {
    const { repos } = this.deps;
    const record = await repos.summaries.get(round.id);
    if (!record || record.publishedAt) return;
    const summary = withModeratedQuotes(record.summary as RoundSummary, {
      round,
      responses: await repos.responses.listByRound(round.id),
      progress: await roundProgress(repos, round),
      quotes: await repos.quotes.listByRound(round.id),
    });
    await repos.summaries.update(round.id, { summary });
  }

  /** The summary computed at closing (with the quotes as moderated so far), for coordinators to preview. */
  async summary(actor: Actor, roundId: string): Promise<RoundSummary> {
    const round = await this.closedRound(actor, roundId);
    const record = await this.deps.repos.summaries.get(round.id);
    if (!record) throw new SurveyError('round_still_open');
    return record.summary as RoundSummary;
  }

  /**
   * The aggregate export: an XLSX workbook (one sheet per level) or one sheet as CSV, with the
   * same withholding as the summary — never one row per person.
   */
  async exportRound(actor: Actor, roundId: string, format: 'xlsx' | 'csv', sheet: SheetId | 'actions' = 'dimensions'): Promise<{ filename: string; mime: string; data: Buffer; note: string }> {
    const summary = await this.summary(actor, roundId);
    const note = exportNote(summary, actor.lang, format, sheet);
    const base = `zorgspiegel-${summary.round.title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'ronde'}`;
    // The action plan agreed on this round's work points (issue #14).
    const titles = new Map(summary.dimensions.map((d) => [d.dimensionId, d.title[actor.lang]]));
    const plan = actionPlanTable(await this.deps.repos.actions.listByRound(roundId), actor.lang, (id) => titles.get(id) ?? id, (id) => this.describeUser(actor.tenant, id));
    if (format === 'csv' && sheet === 'actions') return { filename: `${base}-actions.csv`, mime: 'text/csv; charset=utf-8', data: Buffer.from('\uFEFF' + tableCsv(plan), 'utf8'), note };
    if (format === 'csv') {
      if (!(SHEET_IDS as readonly string[]).includes(sheet)) throw new SurveyError('invalid_round', { reason: 'export_sheet' });
      return { filename: `${base}-${sheet}.csv`, mime: 'text/csv; charset=utf-8', data: Buffer.from('\uFEFF' + buildCsv(summary, actor.lang, sheet as SheetId), 'utf8'), note };
    }
    return { filename: `${base}.xlsx`, mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', data: await buildWorkbook(summary, actor.lang, [plan]), note };
  }
}
