import { createHash, randomUUID } from 'node:crypto';
import { SurveyError } from '../errors';
import type { JobSpec } from '../round-plan';
import type { Round } from '../round';
import type { RoundSummary } from '../summary/model';
import { isCoordinator, type Tenant } from '../tenant';
import type { Actor, ServiceDeps } from '../services/deps';
import { voteIdFor, type VoteOption } from '../vote/model';
import { voteOptions } from '../vote/options';
import { dimensionTitles } from '../vote/vote-service';
import { dueReminderAt, today } from './due';
import type { ActionItem } from './model';
import { actionPatchSchema, actionInputSchema, ownerFrom, parseOrRefuse, type ActionInput, type ActionPatchInput } from './validate';

/** What a form to record an action needs: the round followed up and its work points. */
export interface ActionFormContext {
  round: Pick<Round, 'id' | 'title'>;
  /** The vote's ranking first when it was shown, then the other work points. */
  workPoints: (VoteOption & { votes?: number })[];
  dimensionTitles: Record<string, { nl: string; en: string }>;
}

/**
 * Recording and following up the team's actions. Coordinators, and anyone they allow, record and
 * change actions; the school's people read the plan (see list). Every change updates the plan's
 * channel post, tells a new owner, and plans the owner's reminder before the due date — all as
 * durable jobs, so nothing depends on this process staying up.
 */
export class ActionService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly assertCoordinator: (actor: Actor) => void,
  ) {}

  async canEdit(actor: Actor): Promise<boolean> {
    if (isCoordinator(actor.tenant.settings, actor.platformUserId)) return true;
    return (await this.deps.repos.actions.plan(actor.tenant.id)).editors.includes(actor.platformUserId);
  }

  private async assertEditor(actor: Actor): Promise<void> {
    if (!(await this.canEdit(actor))) throw new SurveyError('not_action_editor');
  }

  /** Who may record actions besides the coordinators (coordinators only). */
  async allowEditors(actor: Actor, platformUserIds: string[]): Promise<string[]> {
    this.assertCoordinator(actor);
    const editors = [...new Set(platformUserIds.map((id) => id.trim()).filter(Boolean))];
    return (await this.deps.repos.actions.setEditors(actor.tenant.id, editors)).editors;
  }

  async editors(actor: Actor): Promise<string[]> {
    return (await this.deps.repos.actions.plan(actor.tenant.id)).editors;
  }

  private async latestPublished(tenantId: string): Promise<Round | null> {
    const [round] = await this.deps.repos.rounds.listByTenant(tenantId, { states: ['published'], limit: 1 });
    return round ?? null;
  }

  /** The latest published round and its work points, the vote's favourites first. */
  async formContext(actor: Actor, roundId?: string): Promise<ActionFormContext> {
    await this.assertEditor(actor);
    const round = roundId ? await this.deps.repos.rounds.get(roundId) : await this.latestPublished(actor.tenant.id);
    if (!round || round.tenantId !== actor.tenant.id || round.state !== 'published') throw new SurveyError('round_not_published');
    const record = await this.deps.repos.summaries.get(round.id);
    if (!record) throw new SurveyError('round_not_published');
    const options = voteOptions(record.summary as unknown as RoundSummary);
    const vote = await this.deps.repos.votes.get(voteIdFor(round.id));
    const ranking = vote?.result?.status === 'shown' ? vote.result.ranking : [];
    const votes = new Map(ranking.map((r) => [r.optionId, r.votes]));
    const workPoints = [
      ...ranking.flatMap((r) => options.filter((o) => o.id === r.optionId).map((o) => ({ ...o, votes: r.votes }))),
      ...options.filter((o) => !votes.has(o.id)),
    ];
    return { round: { id: round.id, title: round.title }, workPoints, dimensionTitles: dimensionTitles(round) };
  }

  /**
   * Records an action. `requestKey` names the request (Slack view id, Teams form submission id): the same
   * key always yields the same action, across retries, restarts and processes.
   */
  async record(actor: Actor, input: ActionInput & { roundId?: string }, opts: { requestKey?: string } = {}): Promise<ActionItem> {
    const context = await this.formContext(actor, input.roundId);
    const parsed = parseOrRefuse(actionInputSchema, input);
    const workPoint = context.workPoints.find((w) => w.id === parsed.workPointId);
    if (!workPoint) throw new SurveyError('invalid_action', { reason: 'workPointId' }, 'workPointId');
    const owner = ownerFrom(parsed);
    const now = this.deps.clock.now();
    if (parsed.dueDate < today(now, actor.tenant.settings.timeZone)) throw new SurveyError('invalid_action', { reason: 'dueDate_past' }, 'dueDate');
    const id = opts.requestKey
      ? `a-${createHash('sha256').update(`${actor.tenant.id}\u0000${opts.requestKey}`).digest('base64url').slice(0, 22)}`
      : `a-${(this.deps.newId ?? randomUUID)()}`;
    // A retried or double-clicked request: the action is there already. Its follow-up is planned
    // again, because the first attempt may have died between storing it and planning that (and the
    // person was told it failed): the owner's jobs have deterministic keys, and the plan post is
    // only brought up to date once more.
    const existing = opts.requestKey ? await this.deps.repos.actions.get(id) : null;
    if (existing) {
      await this.afterChange(actor.tenant, existing);
      return existing;
    }
    const stored = await this.deps.repos.actions.insert({
      id,
      tenantId: actor.tenant.id,
      roundId: context.round.id,
      dimensionId: workPoint.dimensionId,
      workPoint: { id: workPoint.id, text: workPoint.text },
      what: parsed.what,
      owner,
      dueDate: parsed.dueDate,
      successSign: parsed.successSign,
      status: 'planned',
      createdBy: actor.platformUserId,
      createdAt: now,
      updatedAt: now,
    });
    await this.afterChange(actor.tenant, stored);
    return stored;
  }

  async get(actor: Actor, actionId: string): Promise<ActionItem> {
    const action = await this.deps.repos.actions.get(actionId);
    if (!action || action.tenantId !== actor.tenant.id) throw new SurveyError('action_not_found');
    return action;
  }

  /** Edits an action or moves its status (with a short note). */
  async update(actor: Actor, actionId: string, patch: ActionPatchInput): Promise<ActionItem> {
    await this.assertEditor(actor);
    const action = await this.get(actor, actionId);
    const parsed = parseOrRefuse(actionPatchSchema, patch);
    const ownerGiven = parsed.ownerUserId || parsed.ownerGroup;
    const now = this.deps.clock.now();
    if (parsed.dueDate && parsed.dueDate !== action.dueDate && parsed.dueDate < today(now, actor.tenant.settings.timeZone)) {
      throw new SurveyError('invalid_action', { reason: 'dueDate_past' }, 'dueDate');
    }
    const updated = await this.deps.repos.actions.update(
      action.id,
      {
        ...(parsed.what ? { what: parsed.what } : {}),
        ...(ownerGiven ? { owner: ownerFrom(parsed) } : {}),
        ...(parsed.dueDate ? { dueDate: parsed.dueDate } : {}),
        ...(parsed.successSign ? { successSign: parsed.successSign } : {}),
        ...(parsed.status ? { status: parsed.status } : {}),
        ...(parsed.statusNote !== undefined ? { statusNote: parsed.statusNote } : {}),
      },
      now,
    );
    if (!updated) throw new SurveyError('action_not_found');
    await this.afterChange(actor.tenant, updated);
    return updated;
  }

  /**
   * Every action of the school. Where a workspace or Microsoft tenant holds one school, anyone in
   * it may read the plan (it is posted in the team channel anyway). Where it holds several, a
   * school id is easy to name on a card or a command, so only that school's people read its plan:
   * its coordinators and plan editors, the owners of its actions, and whoever was invited to one
   * of its rounds.
   */
  async list(actor: Actor): Promise<ActionItem[]> {
    const actions = await this.deps.repos.actions.listByTenant(actor.tenant.id);
    if (!(await this.belongsToSchool(actor, actions))) throw new SurveyError('not_school_member');
    return actions;
  }

  private async belongsToSchool(actor: Actor, actions: readonly ActionItem[]): Promise<boolean> {
    const { platform, externalId } = actor.tenant;
    if ((await this.deps.repos.tenants.listByPlatformTenant(platform, externalId)).length <= 1) return true;
    if (await this.canEdit(actor)) return true;
    if (actions.some((a) => a.owner.kind === 'person' && a.owner.platformUserId === actor.platformUserId)) return true;
    return (await this.deps.repos.participations.listByUser(actor.tenant.id, actor.platformUserId)).length > 0;
  }

  /** The plan post follows every change; a (new) owner hears of it and is reminded before the due date. */
  private async afterChange(tenant: Tenant, action: ActionItem): Promise<void> {
    const now = this.deps.clock.now();
    const revision = await this.deps.repos.actions.bumpRevision(tenant.id);
    const specs: JobSpec[] = [];
    if (tenant.settings.teamChannel) {
      specs.push({ kind: 'post-action-plan', key: `action-plan:${tenant.id}:${revision}`, tenantId: tenant.id, payload: { roundId: action.roundId, revision }, runAt: now });
    }
    if (action.owner.kind === 'person' && (action.status === 'planned' || action.status === 'in_progress')) {
      const owner = action.owner.platformUserId;
      const payload = { roundId: action.roundId, actionId: action.id, platformUserId: owner };
      specs.push({ kind: 'notify-action-owner', key: `action-owner:${action.id}:${owner}:assigned`, tenantId: tenant.id, payload: { ...payload, reason: 'assigned' }, runAt: now });
      specs.push({
        kind: 'notify-action-owner',
        key: `action-owner:${action.id}:${owner}:due:${action.dueDate}`,
        tenantId: tenant.id,
        payload: { ...payload, reason: 'due', dueDate: action.dueDate },
        runAt: dueReminderAt(action.dueDate, tenant.settings.timeZone, now),
      });
    }
    for (const spec of specs) await this.deps.repos.jobs.enqueue(spec, now);
    this.deps.wakeScheduler?.();
  }
}
