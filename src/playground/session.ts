import type { Lang } from '../core/questionnaire/schema';
import type { Services } from '../core/services';
import { schoolId, type QuietHours } from '../core/tenant';
import type { Logger } from '../log';
import { BotClient, type BotEndpoint, type InvokeResult, type Locale } from './bot-client';
import { ConversationStore, type StoredActivity } from './connector/conversation-store';
import { coordinatorOf, personalConversationId, schoolOfPersona, type Persona, type School } from './school';

/** The playground school may be visited at night or at the weekend: no quiet hours. */
export const PLAYGROUND_QUIET_HOURS: QuietHours = { start: '00:00', end: '24:00', days: [1, 2, 3, 4, 5, 6, 7] };

export function localeOf(lang: Lang): Locale {
  return lang === 'en' ? 'en-GB' : 'nl-BE';
}

export type Where = 'personal' | 'channel';

/**
 * The simulated schools of one tenant talking to the bot: the conversations the connector keeps,
 * a client per school (team) that sends activities, and the installs that make each school known
 * to the bot. The first school's team install happens at start-up and is retried on the next
 * page request if the bot was not ready; a further school joins when someone adds the app to its
 * team (`addSchool`), and stays: the bot's store remembers it across restarts.
 */
export class PlaygroundSession {
  readonly store: ConversationStore;
  private readonly bots = new Map<string, BotClient>();
  private readonly teamInstalls = new Map<string, Promise<void>>();
  private readonly personalInstalls = new Map<string, Promise<void>>();

  constructor(
    readonly schools: readonly School[],
    endpoint: () => BotEndpoint,
    private readonly deps: { services: Services; logger: Logger; defaultLang: Lang; fetchImpl?: typeof fetch },
  ) {
    if (schools.length === 0) throw new Error('the playground needs a school');
    this.store = new ConversationStore();
    for (const school of schools) {
      this.store.open(school.channel.id);
      for (const p of school.personas) this.store.open(personalConversationId(p));
      this.bots.set(school.key, new BotClient(school, endpoint, deps.fetchImpl));
    }
  }

  /** The school that is there from the start. */
  get school(): School {
    return this.schools[0]!;
  }

  botOf(school: School): BotClient {
    const bot = this.bots.get(school.key);
    if (!bot) throw new Error(`unknown playground school ${school.key}`);
    return bot;
  }

  schoolOf(p: Persona): School {
    return schoolOfPersona(this.schools, p.key)?.school ?? this.school;
  }

  /** The bot's id of a school: the tenant's first school keeps the tenant's id, a later team its own. */
  private schoolIdOf(school: School): string {
    return school === this.school ? `teams:${school.tenantId}` : schoolId('teams', school.tenantId, school.team.id);
  }

  /** Whether the app has been added to this school's team (asked of the bot's store, so it survives a restart). */
  async isAdded(school: School): Promise<boolean> {
    if (school === this.school || this.teamInstalls.has(school.key)) return true;
    const stored = await this.deps.services.tenants.get(this.schoolIdOf(school));
    return Boolean(stored && stored.settings.coordinators.length > 0);
  }

  /** Creates the tenant with playground settings, then adds the app to the first school's team as its coordinator. */
  ensureTeamInstalled(school: School = this.school): Promise<void> {
    let install = this.teamInstalls.get(school.key);
    if (!install) {
      install = (async () => {
        // The first `ensure` fixes the settings; the bot's own install handler then adds the installer as coordinator.
        if (school === this.school) await this.deps.services.tenants.ensure('teams', school.tenantId, { name: school.name, settings: { quietHours: PLAYGROUND_QUIET_HOURS } });
        else {
          // A later team becomes a school of its own; made here first only to give it the playground's hours.
          await this.ensureTeamInstalled(this.school);
          await this.deps.services.tenants.ensureSchool('teams', school.tenantId, school.team.id, { name: school.team.name, settings: { quietHours: PLAYGROUND_QUIET_HOURS } });
        }
        await this.botOf(school).installInTeam(coordinatorOf(school), localeOf(this.deps.defaultLang));
        this.deps.logger.info({ team: school.team.name, people: school.personas.length }, 'playground: school installed');
      })().catch((e: unknown) => {
        this.teamInstalls.delete(school.key);
        throw e;
      });
      this.teamInstalls.set(school.key, install);
    }
    return install;
  }

  /** Someone adds the app to a further school's team: that school joins the playground. */
  addSchool(school: School): Promise<void> {
    return this.ensureTeamInstalled(school);
  }

  /** A persona opens the app for the first time: the bot learns their personal conversation. */
  ensurePersonalInstalled(p: Persona, lang: Lang): Promise<void> {
    let install = this.personalInstalls.get(p.key);
    if (!install) {
      const school = this.schoolOf(p);
      install = (async () => {
        await this.ensureTeamInstalled(school);
        await this.botOf(school).installPersonal(p, localeOf(lang));
      })().catch((e: unknown) => {
        this.personalInstalls.delete(p.key);
        throw e;
      });
      this.personalInstalls.set(p.key, install);
    }
    return install;
  }

  conversationOf(where: Where, p: Persona): string {
    return where === 'channel' ? this.schoolOf(p).channel.id : personalConversationId(p);
  }

  /** What a person typed: shown in the conversation at once, then handed to the bot (in their own school's channel). */
  async sendMessage(p: Persona, where: Where, text: string, lang: Lang): Promise<StoredActivity> {
    const school = this.schoolOf(p);
    const bot = this.botOf(school);
    await this.ensureTeamInstalled(school);
    if (where === 'personal') await this.ensurePersonalInstalled(p, lang);
    const conversationId = this.conversationOf(where, p);
    const envelope = bot.envelope(p, where, localeOf(lang));
    const shown = this.store.append(conversationId, 'user', { ...envelope, type: 'message', text });
    await bot.sendMessage(p, where, text, localeOf(lang), shown.id);
    return shown;
  }

  /**
   * A click on an Action.Execute button of a card the bot sent. As in Teams, a card that comes
   * back replaces the clicked card in place.
   */
  async execute(p: Persona, where: Where, stored: StoredActivity, action: { verb?: string; data?: unknown; id?: string }, lang: Lang): Promise<{ result: InvokeResult; activity: StoredActivity }> {
    const conversationId = String((stored.activity.conversation as { id?: string } | undefined)?.id ?? stored.conversationId);
    const result = await this.botOf(this.schoolOf(p)).executeAction(p, where, stored.id, action, localeOf(lang), conversationId);
    let activity = this.store.get(stored.conversationId, stored.id) ?? stored;
    if (result.type === 'card') {
      activity =
        this.store.update(stored.conversationId, stored.id, {
          ...activity.activity,
          attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: result.card }],
        }) ?? activity;
    }
    return { result, activity };
  }
}
