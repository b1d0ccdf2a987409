import type { ConversationReference } from 'botbuilder';
import type { Clock, InstallationRepository } from '../../core/ports';
import type { Lang } from '../../core/questionnaire/schema';

/**
 * Where the Teams ids the bot needs live: per team its channels, roster and service URL; per
 * person the 1:1 conversation with the bot; per sent message the activity id under its
 * idempotency key. All of it sits in the installations collection (platform "teams"), as plain
 * JSON, so a restart loses nothing.
 */
export const PLATFORM = 'teams';

export interface TeamMember {
  /** The platform user id everything else uses: the Entra object id when Teams gives one, else the Teams id. */
  platformUserId: string;
  /** The Teams user id ("29:…"), needed to open a 1:1 conversation. */
  id: string;
  aadObjectId?: string;
  name?: string;
}

export interface TeamChannelInfo {
  id: string;
  /** Teams gives the General channel no name of its own. */
  name?: string;
}

export interface TeamRecord {
  kind: 'team';
  /** The school the team belongs to: "teams:<Microsoft tenant id>" for the tenant's first, else "teams:<tenant>:<team id>". */
  tenantId: string;
  msTenantId: string;
  teamId: string;
  name: string;
  /** The team's Microsoft 365 (Entra) group id, when Teams sent it (channelData.team.aadGroupId). */
  aadGroupId?: string;
  serviceUrl: string;
  botId: string;
  channels: TeamChannelInfo[];
  members: TeamMember[];
  rosterUpdatedAt: string;
  installedBy: string;
  installedAt: string;
  welcomedAt?: string;
}

/**
 * What is left of a team the app was removed from: which school it belonged to, so adding the
 * app again brings the team back to its own school (rounds and trend included).
 */
export interface RemovedTeamRecord {
  kind: 'removedTeam';
  tenantId: string;
  teamId: string;
}

export interface PersonalRecord {
  kind: 'personal';
  /**
   * The Microsoft tenant as "teams:<tenant id>" (see teamsTenantKey): a person has one 1:1 chat
   * with the bot, whichever of the tenant's schools writes to them.
   */
  tenantId: string;
  msTenantId: string;
  platformUserId: string;
  /** Teams user id ("29:…"). */
  memberId: string;
  name?: string;
  serviceUrl: string;
  botId: string;
  conversationId: string;
  updatedAt: string;
}

/**
 * A person's language, learnt from the locale of every activity they cause (a message, a card
 * click, installing the app) or chosen on a card ("In English"). A choice stays until the person
 * chooses again: their Teams locale no longer overrides it.
 */
export interface LanguageRecord {
  kind: 'language';
  /** Per Microsoft tenant ("teams:<tenant id>"), like the personal chat: every school of it shares it. */
  tenantId: string;
  msTenantId: string;
  platformUserId: string;
  lang: Lang;
  chosen?: boolean;
}

export interface SentRecord {
  kind: 'sent';
  conversationId: string;
  messageId: string;
}

/** Turns a stored conversation into the reference botbuilder continues. */
export function conversationReference(c: { serviceUrl: string; botId: string; conversationId: string; msTenantId: string; group: boolean }): Partial<ConversationReference> {
  return {
    channelId: 'msteams',
    serviceUrl: c.serviceUrl,
    bot: { id: c.botId, name: 'Zorgspiegel' },
    conversation: { id: c.conversationId, isGroup: c.group, conversationType: c.group ? 'channel' : 'personal', tenantId: c.msTenantId, name: '' },
  };
}

/** Where a person's 1:1 chat is filed: per Microsoft tenant, shared by its schools. */
export function teamsTenantKey(msTenantId: string): string {
  return `${PLATFORM}:${msTenantId}`;
}

const keys = {
  team: (teamId: string) => `team:${teamId}`,
  personal: (tenantId: string, platformUserId: string) => `personal:${tenantId}:${platformUserId}`,
  sent: (idempotencyKey: string) => `sent:${idempotencyKey}`,
  memo: (key: string) => `memo:${key}`,
  language: (tenantId: string, platformUserId: string) => `language:${tenantId}:${platformUserId}`,
};

export class TeamsDirectory {
  /** Names by Microsoft tenant and user, so `displayName` (synchronous) can answer from memory. */
  private readonly names = new Map<string, Map<string, string>>();

  constructor(
    private readonly installations: InstallationRepository,
    private readonly clock: Clock,
  ) {}

  private remember(msTenantId: string, people: { platformUserId: string; name?: string }[]): void {
    let names = this.names.get(msTenantId);
    if (!names) this.names.set(msTenantId, (names = new Map()));
    for (const p of people) if (p.name) names.set(p.platformUserId, p.name);
  }

  nameOf(msTenantId: string, platformUserId: string): string | undefined {
    return this.names.get(msTenantId)?.get(platformUserId);
  }

  /** Loads every known name into memory (at start-up). */
  async preload(): Promise<void> {
    for (const data of await this.installations.list(PLATFORM, { kind: 'team' })) {
      const team = data as unknown as TeamRecord;
      this.remember(team.msTenantId, team.members);
    }
    for (const data of await this.installations.list(PLATFORM, { kind: 'personal' })) {
      const p = data as unknown as PersonalRecord;
      this.remember(p.msTenantId, [p]);
    }
  }

  /** Loads one Microsoft tenant's names as stored now, by whichever process stored them. */
  async loadNames(msTenantId: string): Promise<void> {
    for (const data of await this.installations.list(PLATFORM, { kind: 'team', msTenantId })) this.remember(msTenantId, (data as unknown as TeamRecord).members);
    for (const data of await this.installations.list(PLATFORM, { kind: 'personal', msTenantId })) this.remember(msTenantId, [data as unknown as PersonalRecord]);
  }

  async saveTeam(team: TeamRecord): Promise<void> {
    await this.installations.save(PLATFORM, keys.team(team.teamId), team as unknown as Record<string, unknown>, this.clock.now());
    this.remember(team.msTenantId, team.members);
  }

  async getTeam(teamId: string): Promise<TeamRecord | null> {
    const data = await this.installations.get(PLATFORM, keys.team(teamId));
    return data?.kind === 'team' ? (data as unknown as TeamRecord) : null;
  }

  /** The school a team belongs to (or belonged to before the app was removed from it). */
  async schoolOfTeam(teamId: string): Promise<string | undefined> {
    const data = await this.installations.get(PLATFORM, keys.team(teamId));
    return typeof data?.tenantId === 'string' ? data.tenantId : undefined;
  }

  /** Forgets the team's roster and channels, keeping only which school it was part of. */
  async deleteTeam(teamId: string): Promise<void> {
    const tenantId = await this.schoolOfTeam(teamId);
    if (!tenantId) return this.installations.delete(PLATFORM, keys.team(teamId));
    const removed: RemovedTeamRecord = { kind: 'removedTeam', tenantId, teamId };
    await this.installations.save(PLATFORM, keys.team(teamId), removed as unknown as Record<string, unknown>, this.clock.now());
  }

  async teams(tenantId: string): Promise<TeamRecord[]> {
    return (await this.installations.list(PLATFORM, { kind: 'team', tenantId })) as unknown as TeamRecord[];
  }

  /** The school of the first team of the Microsoft tenant whose roster holds this person. */
  async schoolOfMember(msTenantId: string, platformUserId: string): Promise<string | undefined> {
    const teams = (await this.installations.list(PLATFORM, { kind: 'team', msTenantId })) as unknown as TeamRecord[];
    return teams.find((t) => t.members.some((m) => m.platformUserId === platformUserId))?.tenantId;
  }

  /** The team a channel belongs to (the General channel's id is the team id). */
  async teamOfChannel(tenantId: string, channelId: string): Promise<TeamRecord | undefined> {
    return (await this.teams(tenantId)).find((t) => t.teamId === channelId || t.channels.some((c) => c.id === channelId));
  }

  /** A person in any roster of the tenant, with the team whose service URL reaches them. */
  async findMember(tenantId: string, platformUserId: string): Promise<{ team: TeamRecord; member: TeamMember } | undefined> {
    for (const team of await this.teams(tenantId)) {
      const member = team.members.find((m) => m.platformUserId === platformUserId);
      if (member) return { team, member };
    }
    return undefined;
  }

  async savePersonal(record: PersonalRecord): Promise<void> {
    await this.installations.save(PLATFORM, keys.personal(record.tenantId, record.platformUserId), record as unknown as Record<string, unknown>, this.clock.now());
    this.remember(record.msTenantId, [record]);
  }

  async getPersonal(tenantId: string, platformUserId: string): Promise<PersonalRecord | null> {
    const data = await this.installations.get(PLATFORM, keys.personal(tenantId, platformUserId));
    return data ? (data as unknown as PersonalRecord) : null;
  }

  async personalByConversation(tenantId: string, conversationId: string): Promise<PersonalRecord | undefined> {
    const found = await this.installations.list(PLATFORM, { kind: 'personal', tenantId, conversationId });
    return found[0] as unknown as PersonalRecord | undefined;
  }

  /** The person's known language (see LanguageRecord), if any. */
  async languageOf(msTenantId: string, platformUserId: string): Promise<LanguageRecord | null> {
    const data = await this.installations.get(PLATFORM, keys.language(teamsTenantKey(msTenantId), platformUserId));
    return data?.kind === 'language' && (data.lang === 'nl' || data.lang === 'en') ? (data as unknown as LanguageRecord) : null;
  }

  /**
   * Records the language an activity shows (`chosen`: picked on a card). A locale never overrides
   * a choice. Returns whether the stored language changed, so callers update what follows it.
   */
  async rememberLanguage(msTenantId: string, platformUserId: string, lang: Lang, chosen = false): Promise<boolean> {
    const known = await this.languageOf(msTenantId, platformUserId);
    if (known && (known.chosen && !chosen ? true : known.lang === lang && Boolean(known.chosen) === chosen)) return false;
    const tenantId = teamsTenantKey(msTenantId);
    const record: LanguageRecord = { kind: 'language', tenantId, msTenantId, platformUserId, lang, ...(chosen ? { chosen } : {}) };
    await this.installations.save(PLATFORM, keys.language(tenantId, platformUserId), record as unknown as Record<string, unknown>, this.clock.now());
    return known?.lang !== lang;
  }

  /** The message already sent under an idempotency key, if any. */
  async getSent(idempotencyKey: string): Promise<SentRecord | null> {
    const data = await this.installations.get(PLATFORM, keys.sent(idempotencyKey));
    return data ? (data as unknown as SentRecord) : null;
  }

  async saveSent(idempotencyKey: string, sent: Omit<SentRecord, 'kind'>): Promise<void> {
    await this.installations.save(PLATFORM, keys.sent(idempotencyKey), { kind: 'sent', ...sent }, this.clock.now());
  }

  /** Small remembered results of one-off card actions (see CardActionDeps.memo). */
  readonly memo = {
    get: async (key: string): Promise<string | undefined> => {
      const data = await this.installations.get(PLATFORM, keys.memo(key));
      return typeof data?.value === 'string' ? data.value : undefined;
    },
    set: async (key: string, value: string): Promise<void> => {
      await this.installations.save(PLATFORM, keys.memo(key), { kind: 'memo', value }, this.clock.now());
    },
  };
}
