import type { GroupDimensions } from '../group-dimensions';
import type { Audience, Depth } from '../round';
import type { Actor, ServiceDeps } from './deps';

/** What "herhaal de vorige bevraging" carries over: the same dimensions and settings. */
export interface RepeatSettings {
  previousTitle: string;
  dimensionIds: string[];
  depth: Depth;
  includeReflection: boolean;
  audience: Audience;
  /** Hours before closing, as the previous round had them. */
  reminderHours: number[];
  moderation: boolean;
  /** Which group judged which dimensions, when not every group judged all. */
  groupDimensions?: GroupDimensions[];
  /** The previous round's length in whole days (at least one). */
  durationDays: number;
}

/**
 * The settings of the tenant's latest round that was not cancelled, for a new round that repeats
 * it; the same questions make the next summary's trend comparable.
 */
export class RepeatService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly assertCoordinator: (actor: Actor) => void,
  ) {}

  async previous(actor: Actor): Promise<RepeatSettings | null> {
    this.assertCoordinator(actor);
    const rounds = await this.deps.repos.rounds.listByTenant(actor.tenant.id, { states: ['published', 'closed', 'open', 'scheduled'], limit: 1 });
    const round = rounds[0];
    if (!round) return null;
    return {
      previousTitle: round.title,
      dimensionIds: [...round.dimensionIds],
      depth: round.depth,
      includeReflection: round.includeReflection,
      audience: { ...round.audience },
      reminderHours: [...round.reminderHours],
      moderation: round.moderation,
      ...(round.groupDimensions ? { groupDimensions: round.groupDimensions.map((g) => ({ group: g.group, dimensionIds: [...g.dimensionIds] })) } : {}),
      durationDays: Math.max(1, Math.round((round.closesAt.getTime() - round.opensAt.getTime()) / 86_400_000)),
    };
  }
}
